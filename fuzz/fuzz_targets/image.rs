//! The photo reader (JPEG and PNG) on any bytes: an error or an image,
//! never a panic, a hang or a huge allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(img) = mimeo::assets::images::decode(data) {
        assert!(img.width > 0 && img.height > 0);
        assert!(u64::from(img.width) * u64::from(img.height) <= mimeo::assets::images::MAX_PIXELS);
    }
});
