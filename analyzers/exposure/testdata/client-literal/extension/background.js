// The extension's service worker runs in every user's browser.
const TOKEN = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"; // want "UPS101" "UPS202"
chrome.runtime.onMessage.addListener(() => fetch("https://fake-otter-12345.upstash.io/incr/pages", { headers: { Authorization: "Bearer " + TOKEN } }));
