package configs

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// extensionManifest reads a browser extension's manifest.json (one with
// a manifest_version; a web app manifest has none): the manifest is
// client-side, and the scripts and pages it names (background service
// worker or scripts, content scripts, popup and options pages) are its
// imports, so that analyzers/exposure treats them as code that runs in the
// user's browser.
func (r *reader) extensionManifest() {
	var m struct {
		Version    json.RawMessage `json:"manifest_version"`
		Background struct {
			ServiceWorker string   `json:"service_worker"`
			Scripts       []string `json:"scripts"`
			Page          string   `json:"page"`
		} `json:"background"`
		ContentScripts []struct {
			JS []string `json:"js"`
		} `json:"content_scripts"`
		Action struct {
			DefaultPopup string `json:"default_popup"`
		} `json:"action"`
		BrowserAction struct {
			DefaultPopup string `json:"default_popup"`
		} `json:"browser_action"`
		OptionsPage string `json:"options_page"`
		OptionsUI   struct {
			Page string `json:"page"`
		} `json:"options_ui"`
	}
	if err := json.Unmarshal(stripJSONC(r.src), &m); err != nil || len(m.Version) == 0 {
		return // not an extension manifest, or not JSON: nothing to say
	}
	r.file.ClientSide = true
	files := append([]string{m.Background.ServiceWorker, m.Background.Page, m.Action.DefaultPopup, m.BrowserAction.DefaultPopup, m.OptionsPage, m.OptionsUI.Page}, m.Background.Scripts...)
	for _, cs := range m.ContentScripts {
		files = append(files, cs.JS...)
	}
	for _, p := range files {
		p = strings.TrimSpace(p)
		if p == "" || strings.Contains(p, "://") {
			continue
		}
		r.file.Imports = append(r.file.Imports, facts.Import{Spec: "./" + strings.TrimPrefix(strings.TrimPrefix(p, "./"), "/"), Pos: r.posOf(p)})
	}
}

// expoApp reads an Expo app config (app.json with an "expo" key): its
// values, the `extra` fields included, are built into the app bundle that
// ships to every device, so the file is client-side.
func (r *reader) expoApp() {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(stripJSONC(r.src), &m); err != nil {
		return
	}
	if _, ok := m["expo"]; ok {
		r.file.ClientSide = true
	}
}

// eas reads the env of each build profile of an eas.json (build.<profile>.env):
// EAS Build sets them while it bundles the app, so an EXPO_PUBLIC_ variable
// is inlined into the app on every device (facts.EnvVar.Public by its
// prefix) and the profile names the environment ("production" reaches it).
func (r *reader) eas() {
	scalars, err := jsonScalars(stripJSONC(r.src))
	if err != nil {
		r.note("not valid JSON (%s); variables after the error were not read", jsonError(err, r))
	}
	for _, s := range scalars {
		p := s.path
		if len(p) != 4 || p[0] != "build" || p[2] != "env" {
			continue
		}
		a := assignment{name: p[3], value: s.value, keyOff: s.keyOff + 1, valOff: s.valOff, valEnd: s.valEnd, env: p[1]}
		if strings.EqualFold(p[1], "production") {
			a.prod = "eas.json, whose production profile builds the released app"
		}
		r.addRefs(&a)
		r.add(a)
	}
}

// posOf returns the position of the first quoted occurrence of s in the
// file, or line 1 when there is none.
func (r *reader) posOf(s string) facts.Pos {
	if i := bytes.Index(r.src, []byte(`"`+s+`"`)); i >= 0 {
		return r.posAt(i)
	}
	return facts.Pos{Line: 1, Col: 1}
}
