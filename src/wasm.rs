//! The WebAssembly adapter: the only `#[wasm_bindgen]` in the crate. The page's
//! worker creates a [`WasmChecker`] per file, pushes `File.slice` chunks and
//! takes the report as a plain JS object (the same shape as the CLI's JSON).

use wasm_bindgen::prelude::*;

use crate::{Checker, Options};

/// One file being checked.
#[wasm_bindgen]
pub struct WasmChecker {
    inner: Option<Checker>,
}

#[wasm_bindgen]
impl WasmChecker {
    /// `options` is a JS object like `{k: 3, small_count: 5}` or undefined.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, options: JsValue) -> Result<WasmChecker, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
        };
        Ok(WasmChecker {
            inner: Some(Checker::new(name, options)),
        })
    }

    /// Feed the next chunk. Throws with a message naming row and byte when
    /// the file cannot be read; `finish` still gives the (incomplete) report.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        match self.inner.as_mut() {
            Some(c) => c.push(chunk).map_err(|e| JsError::new(&e.to_string())),
            None => Err(JsError::new("this file's check has already finished")),
        }
    }

    /// Records read so far.
    #[wasm_bindgen(js_name = rowsRead)]
    pub fn rows_read(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |c| c.rows_read() as f64)
    }

    /// The report as a JSON string (exactly the CLI's `--format json`).
    pub fn finish(&mut self) -> Result<String, JsError> {
        let checker = self
            .inner
            .take()
            .ok_or_else(|| JsError::new("this file's check has already finished"))?;
        serde_json::to_string(&checker.finish()).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// Every rule, as JSON `[{id, description}]`.
#[wasm_bindgen]
pub fn rules() -> String {
    let rules: Vec<_> = crate::rules::all()
        .into_iter()
        .map(|r| serde_json::json!({"id": r.id, "description": r.description}))
        .collect();
    serde_json::Value::Array(rules).to_string()
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
