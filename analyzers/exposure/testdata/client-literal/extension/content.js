// A content script: it sends a message, no credential.
chrome.runtime.sendMessage({ page: location.href });
