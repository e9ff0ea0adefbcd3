//! `validateMany`: any bytes against any contract. The first byte picks the contract (low 3
//! bits) and `maxErrors` (the rest; 31 is the default); the rest of the input is the NDJSON. The first lines that are JSON also go through `validate_contract` and
//! `to_vendor_error` (as a result, and as an arbitrary value passed where a result is expected).
#![no_main]
use aps_migratable::billing::{
    contract_ids, to_vendor_error, validate_contract, validate_many, BatchOptions, ContractId,
    DEFAULT_MAX_BATCH_ERRORS,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((first, ndjson)) = data.split_first() else {
        return;
    };
    let ids = contract_ids();
    let id = ids[usize::from(first & 7) % ids.len()];
    let max_errors = match first >> 3 {
        31 => DEFAULT_MAX_BATCH_ERRORS,
        n => usize::from(n),
    };
    let lines: Vec<Value> = ndjson
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .take(4)
        .collect();
    {
        let batch = validate_many(id, ndjson, BatchOptions { max_errors })
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(batch.total, batch.valid + batch.invalid);
        assert!(batch.errors.len() <= max_errors);
        if batch.truncated {
            // An error was left off: the list is full.
            assert_eq!(batch.errors.len(), max_errors);
        }
        let _ = serde_json::to_value(&batch);
        let contract = ContractId::parse(id).unwrap_or_else(|e| panic!("{e:?}"));
        for line in &lines {
            let result = validate_contract(contract, line);
            assert_eq!(result.valid, result.errors.is_empty());
            let json = serde_json::to_value(&result).unwrap_or_else(|e| panic!("{e}"));
            let vendor = to_vendor_error(contract, &json);
            assert_eq!(
                vendor.is_none(),
                result.errors.is_empty(),
                "{id} {json} {vendor:?}"
            );
            if let Some(body) = &vendor {
                let _ = serde_json::to_value(body);
            }
            let _ = to_vendor_error(contract, line);
        }
    }
});
