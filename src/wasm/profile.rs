//! The organisation's profile and the session's staff roster, for the page.
//! The profile travels in the settings object ([`crate::Options::profile`]);
//! the roster is held by a [`WasmRoster`] in the worker's memory only: it is
//! never serialised, stored or put in a report.

use wasm_bindgen::prelude::*;

use super::{js_err, options_from};
use crate::profile::{Profile, Roster, PROFILE_VERSION};

/// A profile from JSON: valid JSON of the documented shape and version 1.
/// Its number patterns are not compiled here: compiling them needs the
/// whole regex engine, which the page's checker does not otherwise carry
/// (about 700 KB of wasm); `foi-check --profile` validates them fully.
fn parse(json: &str) -> Result<Profile, JsError> {
    let p: Profile = serde_json::from_str(json)
        .map_err(|e| js_err(format!("the profile is not valid JSON: {e}")))?;
    if p.version != PROFILE_VERSION {
        return Err(js_err(format!(
            "profile version {} is not supported (this foi-check reads version {PROFILE_VERSION})",
            p.version
        )));
    }
    Ok(p)
}

/// A built-in profile (`uk-police`, `generic`) as JSON.
#[wasm_bindgen(js_name = builtinProfile)]
pub fn builtin_profile(name: &str) -> Result<String, JsError> {
    let p =
        Profile::builtin(name).ok_or_else(|| js_err(format!("no built-in profile {name:?}")))?;
    serde_json::to_string_pretty(&p).map_err(js_err)
}

/// Read and validate a profile file (its shape and version); returns it as
/// normalised JSON, or throws saying what is wrong.
#[wasm_bindgen(js_name = readProfile)]
pub fn read_profile(json: &str) -> Result<String, JsError> {
    let p = parse(json)?;
    serde_json::to_string_pretty(&p).map_err(js_err)
}

/// Settings (a JS object as for `WasmChecker::new`) with `profile` (JSON,
/// or `""` for none) in force: its default k and small-count threshold apply
/// where the settings are the tool's defaults, as `foi-check --profile` does.
/// Returns the settings as JSON.
#[wasm_bindgen(js_name = withProfile)]
pub fn with_profile(options: JsValue, profile: &str) -> Result<String, JsError> {
    let mut o = options_from(options)?;
    o.profile = None;
    if !profile.trim().is_empty() {
        let p = parse(profile)?;
        p.apply_defaults(&mut o);
        o.profile = Some(p);
    }
    serde_json::to_string(&o).map_err(js_err)
}

/// A staff roster loaded for this session: kept in the worker's memory only.
#[wasm_bindgen]
pub struct WasmRoster(std::sync::Arc<Roster>);

#[wasm_bindgen]
impl WasmRoster {
    /// Read a roster from CSV bytes (columns headed name, surname, forename,
    /// and staff, collar, warrant or payroll number).
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<WasmRoster, JsError> {
        Roster::from_csv(bytes)
            .map(|r| WasmRoster(std::sync::Arc::new(r)))
            .map_err(js_err)
    }

    /// Entries (names and numbers) held.
    pub fn len(&self) -> u32 {
        self.0.len() as u32
    }

    /// The roster, shared with the checkers that match against it.
    pub(crate) fn shared(&self) -> std::sync::Arc<Roster> {
        std::sync::Arc::clone(&self.0)
    }

    /// True when the roster holds nothing.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
