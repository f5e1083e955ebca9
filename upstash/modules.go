package upstash

// KnownModule reports whether mod is a module of the tables (an SDK, a
// framework or a limiter) in lang. Module resolution leaves such an import
// to its package even when the scanned tree holds that package's own source
// (a scan of an SDK repository and its examples), so that what upscan knows
// about the package is what applies.
func KnownModule(lang Lang, mod string) bool {
	for _, s := range SDKs {
		if s.Lang == lang && moduleMatches(lang, s.Module, mod) {
			return true
		}
	}
	if _, ok := FrameworkOf(lang, mod); ok {
		return true
	}
	for _, l := range Limiters {
		if l.Lang == lang && moduleMatches(lang, l.Module, mod) {
			return true
		}
	}
	return false
}
