//! Property tests (proptest) for the date parser.
use kouteihyo::enrich::dates::*;
use proptest::prelude::*;

fn era_and_year() -> impl Strategy<Value = (Era, u32)> {
    prop_oneof![
        (1u32..=45).prop_map(|n| (Era::Meiji, n)),
        (1u32..=15).prop_map(|n| (Era::Taisho, n)),
        (1u32..=64).prop_map(|n| (Era::Showa, n)),
        (1u32..=31).prop_map(|n| (Era::Heisei, n)),
        (1u32..=60).prop_map(|n| (Era::Reiwa, n)),
    ]
}

proptest! {
    #[test]
    fn era_round_trip((era, n) in era_and_year(), fiscal in any::<bool>()) {
        let g = era_to_gregorian(era, n).unwrap();
        let (e2, n2) = gregorian_to_era(g, fiscal).unwrap();
        prop_assert_eq!(era_to_gregorian(e2, n2), Some(g));
    }

    #[test]
    fn reiwa_month(n in 1i32..=60, m in 1u32..=12) {
        let v = find_dates(&format!("令和{n}年{m}月"));
        prop_assert_eq!(v.len(), 1);
        prop_assert_eq!(&v[0].from, &format!("{:04}-{:02}-01", 2018 + n, m));
        if n == 1 {
            let g = find_dates(&format!("令和元年{m}月"));
            prop_assert_eq!(&g[0].from, &v[0].from);
            prop_assert_eq!(&g[0].to, &v[0].to);
        }
    }

    #[test]
    fn reiwa_fiscal_year(n in 1i32..=60) {
        let t = format!("令和{n}年度");
        prop_assert_eq!(fiscal_year_of(&t), Some(2018 + n));
        let v = find_dates(&t);
        prop_assert_eq!(v.len(), 1);
        prop_assert_eq!(v[0].precision, Precision::FiscalYear);
        prop_assert_eq!(&v[0].from, &format!("{}-04-01", 2018 + n));
        prop_assert_eq!(&v[0].to, &format!("{}-03-31", 2019 + n));
    }

    #[test]
    fn never_panics_any_string(s in any::<String>()) {
        for m in find_dates(&s) {
            prop_assert_eq!(&s[m.start..m.end], m.raw.as_str());
        }
        let _ = parse_fy(&s);
        let _ = fiscal_year_of(&s);
    }

    #[test]
    fn never_panics_datey_string(s in "[令和平成元年度月日末夏冬版RHS０-９0-9 　（）()～〜~\\-→&A]{0,24}") {
        let v = find_dates(&s);
        let mut last = 0;
        for m in &v {
            prop_assert_eq!(&s[m.start..m.end], m.raw.as_str());
            prop_assert!(m.start >= last);
            prop_assert!(m.from <= m.to);
            last = m.end;
        }
        let _ = parse_fy(&s);
        let _ = fiscal_year_of(&s);
    }
}
