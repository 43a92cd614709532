//! Credential sources in DESIGN.md's order, endpoint resolution, and secrets kept out of Debug/Display.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use pca_order::api::credentials::{CredentialSource, Credentials};
use pca_order::config::{
    ConfigError, EndpointFlags, default_journal_path, parse_credentials_file, parse_endpoint,
    regions, resolve_credentials, resolve_endpoints,
};

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k: &str| map.get(k).cloned()
}

fn resolve(
    token_file: Option<&Path>,
    env: &[(&str, &str)],
    stdin: &str,
    file: Option<&str>,
) -> Result<(Credentials, CredentialSource), ConfigError> {
    let env = env_of(env);
    let file = file.map(|text| {
        parse_credentials_file(Path::new("/home/u/.huaweicloud/credentials"), text).expect("ini")
    });
    resolve_credentials(
        token_file,
        &env,
        &mut Cursor::new(stdin.as_bytes().to_vec()),
        file.as_ref(),
    )
    .map(|r| (r.credentials, r.source))
}

const FILE: &str = "[global]\nak = FILEAK0000000001\nsk = file-secret\ndomain_id = d1\n";

#[test]
fn token_file_beats_everything() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("token");
    std::fs::write(&path, "  tok-from-file\n").expect("write");
    let (c, s) = resolve(
        Some(&path),
        &[
            ("HUAWEICLOUD_AUTH_TOKEN", "env-tok"),
            ("HUAWEICLOUD_SDK_AK", "A"),
            ("HUAWEICLOUD_SDK_SK", "B"),
        ],
        "",
        Some(FILE),
    )
    .expect("ok");
    assert_eq!(c.expose_token(), Some("tok-from-file"));
    assert_eq!(s, CredentialSource::TokenFile(path));
}

#[test]
fn token_file_dash_reads_stdin() {
    let (c, s) = resolve(Some(Path::new("-")), &[], "stdin-token\n", None).expect("ok");
    assert_eq!(c.expose_token(), Some("stdin-token"));
    assert_eq!(s, CredentialSource::TokenStdin);
    let e = resolve(Some(Path::new("-")), &[], "two words", None).expect_err("not a token");
    assert!(e.to_string().contains("one line"), "{e}");
    let e = resolve(Some(Path::new("-")), &[], "\n", None).expect_err("empty");
    assert!(e.to_string().contains("empty"), "{e}");
}

#[test]
fn env_token_then_huaweicloud_sdk_then_cloud_sdk_then_file() {
    let all = [
        ("HUAWEICLOUD_AUTH_TOKEN", "env-tok"),
        ("HUAWEICLOUD_SDK_AK", "HWAK00000001"),
        ("HUAWEICLOUD_SDK_SK", "hw-secret"),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "dom"),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "st"),
        ("CLOUD_SDK_AK", "CLAK00000001"),
        ("CLOUD_SDK_SK", "cl-secret"),
    ];
    let (c, s) = resolve(None, &all, "", Some(FILE)).expect("ok");
    assert_eq!(
        (c.expose_token(), s),
        (Some("env-tok"), CredentialSource::EnvToken)
    );
    let (c, s) = resolve(None, &all[1..], "", Some(FILE)).expect("ok");
    assert_eq!(s, CredentialSource::EnvHuaweicloudSdk);
    match c {
        Credentials::AkSk {
            ak,
            domain_id,
            security_token,
            ..
        } => {
            assert_eq!(ak, "HWAK00000001");
            assert_eq!(domain_id.as_deref(), Some("dom"));
            assert!(security_token.is_some());
        }
        other => panic!("expected AK/SK, got {other:?}"),
    }
    let (c, s) = resolve(None, &all[5..], "", Some(FILE)).expect("ok");
    assert_eq!(s, CredentialSource::EnvCloudSdk);
    assert!(matches!(c, Credentials::AkSk { ref ak, domain_id: None, .. } if ak == "CLAK00000001"));
    let (c, s) = resolve(None, &[], "", Some(FILE)).expect("ok");
    assert!(matches!(s, CredentialSource::CredentialsFile(_)));
    assert!(
        matches!(c, Credentials::AkSk { ref ak, domain_id: Some(ref d), .. } if ak == "FILEAK0000000001" && d == "d1")
    );
}

#[test]
fn half_a_key_pair_is_an_error_not_a_fallthrough() {
    let e = resolve(None, &[("HUAWEICLOUD_SDK_AK", "AK1")], "", Some(FILE)).expect_err("half");
    assert!(e.to_string().contains("HUAWEICLOUD_SDK_SK is not"), "{e}");
    assert_eq!(e.exit_code(), 5);
    let e = parse_credentials_file(Path::new("f"), "[global]\nsk = x\n").expect_err("half in file");
    assert!(e.to_string().contains("both ak and sk"), "{e}");
}

#[test]
fn nothing_found_says_what_was_tried_and_suggests_the_sandbox() {
    let e = resolve(None, &[], "", None).expect_err("none");
    let text = e.to_string();
    for source in [
        "--token-file",
        "HUAWEICLOUD_AUTH_TOKEN",
        "HUAWEICLOUD_SDK_AK",
        "CLOUD_SDK_AK",
        "credentials",
        "--sandbox",
    ] {
        assert!(text.contains(source), "{source} in {text}");
    }
}

#[test]
fn debug_and_display_never_show_secrets() {
    let c = Credentials::ak_sk(
        "HPUAEXAMPLEAK0000001",
        "super-secret-sk-value",
        Some("security-token-value".into()),
        Some("dom".into()),
    );
    let t = Credentials::token("token-value-abc");
    for text in [
        format!("{c:?}"),
        format!("{c}"),
        format!("{t:?}"),
        format!("{t}"),
        format!("{:#?}", c),
    ] {
        for secret in [
            "super-secret-sk-value",
            "security-token-value",
            "token-value-abc",
            "HPUAEXAMPLEAK0000001",
        ] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
    }
    assert!(
        format!("{c}").contains("HPUA…0001"),
        "the AK is shown masked"
    );
}

#[test]
fn regions_come_from_the_sdk_table() {
    let ids: Vec<String> = regions().into_iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [
            "cn-north-4",
            "ap-southeast-3",
            "eu-west-101",
            "ru-moscow-1",
            "my-kualalumpur-1",
            "sa-brazil-1"
        ]
    );
    let env = env_of(&[]);
    let (region, ep) = resolve_endpoints(&EndpointFlags::default(), &env, None).expect("default");
    assert_eq!(region, "cn-north-4");
    assert_eq!(ep.ccm.as_str(), "https://ccm.cn-north-4.myhuaweicloud.com/");
    assert_eq!(ep.iam.as_str(), "https://iam.cn-north-4.myhuaweicloud.com/");
    assert_eq!(ep.eps.as_str(), "https://eps.myhuaweicloud.com/");
    let flags = EndpointFlags {
        region: Some("sa-brazil-1".into()),
        ..Default::default()
    };
    let (_, ep) = resolve_endpoints(&flags, &env, None).expect("brazil");
    assert_eq!(ep.ccm.as_str(), "https://ccm.myhuaweicloud.com/");
    assert_eq!(ep.iam.as_str(), "https://iam.myhuaweicloud.com/");
}

#[test]
fn region_and_iam_endpoint_from_env_and_flags() {
    let env = env_of(&[
        ("HUAWEICLOUD_SDK_REGION", "ap-southeast-3"),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam.example.test"),
    ]);
    let (region, ep) = resolve_endpoints(
        &EndpointFlags::default(),
        &env,
        Some("https://from-file.test"),
    )
    .expect("ok");
    assert_eq!(region, "ap-southeast-3");
    assert_eq!(ep.iam.as_str(), "https://iam.example.test/");
    let flags = EndpointFlags {
        region: Some("cn-north-4".into()),
        endpoint: Some("https://ccm.internal.test/prefix".into()),
        iam_endpoint: Some("https://iam.flag.test".into()),
        eps_endpoint: Some("http://127.0.0.1:9".into()),
        bss_endpoint: None,
    };
    let (region, ep) = resolve_endpoints(&flags, &env, None).expect("ok");
    assert_eq!(region, "cn-north-4");
    assert_eq!(ep.ccm.as_str(), "https://ccm.internal.test/prefix");
    assert_eq!(ep.iam.as_str(), "https://iam.flag.test/");
    assert_eq!(ep.eps.as_str(), "http://127.0.0.1:9/");
    let (_, ep) = resolve_endpoints(
        &EndpointFlags::default(),
        &env_of(&[]),
        Some("https://from-file.test"),
    )
    .expect("file");
    assert_eq!(ep.iam.as_str(), "https://from-file.test/");
}

#[test]
fn unknown_region_needs_an_endpoint() {
    let flags = EndpointFlags {
        region: Some("xx-nowhere-1".into()),
        ..Default::default()
    };
    let e = resolve_endpoints(&flags, &env_of(&[]), None).expect_err("unknown");
    assert!(
        e.to_string().starts_with("--region: \"xx-nowhere-1\""),
        "{e}"
    );
    assert_eq!(e.exit_code(), 2);
    let flags = EndpointFlags {
        region: Some("xx-nowhere-1".into()),
        endpoint: Some("https://ccm.x.test".into()),
        ..Default::default()
    };
    assert!(resolve_endpoints(&flags, &env_of(&[]), None).is_ok());
}

#[test]
fn endpoints_must_be_https_except_loopback() {
    for ok in [
        "https://a.test",
        "http://127.0.0.1:8080",
        "http://localhost:1",
        "http://[::1]:2",
    ] {
        assert!(parse_endpoint("--endpoint", ok).is_ok(), "{ok}");
    }
    for (bad, why) in [
        ("http://10.0.0.1", "must use https"),
        ("ftp://a.test", "https://"),
        ("not a url", "is not a URL"),
        ("https://user:pw@a.test", "user name or password"),
        ("https://a.test/?x=1", "query"),
    ] {
        let e = parse_endpoint("--endpoint", bad).expect_err(bad);
        assert!(
            e.to_string().contains("--endpoint") && e.to_string().contains(why),
            "{bad}: {e}"
        );
    }
}

#[test]
fn journal_path_follows_xdg_and_keeps_sandbox_apart() {
    let env = env_of(&[("XDG_STATE_HOME", "/state"), ("HOME", "/home/u")]);
    assert_eq!(
        default_journal_path(&env, false).expect("path"),
        Path::new("/state/pca-order/orders.jsonl")
    );
    assert_eq!(
        default_journal_path(&env, true).expect("path"),
        Path::new("/state/pca-order/sandbox-orders.jsonl")
    );
    let env = env_of(&[("XDG_STATE_HOME", "relative"), ("HOME", "/home/u")]);
    assert_eq!(
        default_journal_path(&env, false).expect("path"),
        Path::new("/home/u/.local/state/pca-order/orders.jsonl")
    );
}

#[test]
fn endless_token_sources_are_cut_off_not_read_forever() {
    let e = resolve(Some(Path::new("/dev/zero")), &[], "", None).expect_err("a device is no token");
    assert!(e.to_string().contains("larger than 65536 bytes"), "{e}");
    let big = "t".repeat(70 * 1024);
    let e = resolve(Some(Path::new("-")), &[], &big, None).expect_err("too big");
    assert!(e.to_string().starts_with("--token-file -:"), "{e}");
}

#[test]
fn a_malformed_domain_id_or_ak_is_refused_where_it_was_read() {
    let e = resolve(
        None,
        &[
            ("HUAWEICLOUD_SDK_AK", "AK1"),
            ("HUAWEICLOUD_SDK_SK", "s"),
            ("HUAWEICLOUD_SDK_DOMAIN_ID", "bad id\r\n"),
        ],
        "",
        None,
    )
    .expect_err("bad domain id");
    assert!(
        e.to_string().starts_with("HUAWEICLOUD_SDK_DOMAIN_ID:"),
        "{e}"
    );
    let e = parse_credentials_file(Path::new("/c"), "[global]\nak = A K\nsk = s\n")
        .expect_err("bad ak");
    assert!(e.to_string().contains("[global] ak:"), "{e}");
}

#[test]
fn a_credentials_file_with_a_bom_and_crlf_line_ends_is_read() {
    let text =
        "\u{FEFF}[global]\r\nak = FILEAK0000000001\r\nsk = file-secret\r\ndomain_id = d1\r\n";
    let (c, source) = resolve(None, &[], "", Some(text)).expect("read");
    assert_eq!(c.kind(), "AK FILE…0001");
    assert!(matches!(source, CredentialSource::CredentialsFile(_)));
}

#[test]
fn a_region_from_env_or_flag_is_checked_against_the_region_id_shape() {
    let env = env_of(&[("HUAWEICLOUD_SDK_REGION", "cn north 4")]);
    let flags = EndpointFlags {
        endpoint: Some("https://ccm.example.com".into()),
        ..Default::default()
    };
    let e = resolve_endpoints(&flags, &env, None).expect_err("env region");
    assert!(matches!(e, ConfigError::Usage(_)));
    assert!(e.to_string().starts_with("HUAWEICLOUD_SDK_REGION: "), "{e}");
    let flags = EndpointFlags {
        region: Some("eu-west-101".into()),
        endpoint: Some("https://ccm.example.com".into()),
        ..Default::default()
    };
    let (region, _) = resolve_endpoints(&flags, &env, None).expect("flag wins, well shaped");
    assert_eq!(region, "eu-west-101");
}

#[test]
fn a_secret_with_a_control_character_in_the_credentials_file_is_a_usage_error() {
    let e = parse_credentials_file(
        Path::new("/c"),
        "[global]\nak = AK01\nsk = \"s\u{1b}k\"\nsecurity_token = t\n",
    )
    .expect_err("escape in sk");
    assert!(matches!(e, ConfigError::Usage(_)), "{e:?}");
    assert!(e.to_string().contains("/c [global] sk"), "{e}");
}

#[test]
fn every_endpoint_bss_included_is_resolved_in_config() {
    let env = env_of(&[]);
    // No flag: BSS is detected from the account (None), as it always was.
    let (_, ep) = resolve_endpoints(&EndpointFlags::default(), &env, None).expect("default");
    assert_eq!(ep.bss, None);
    // A loopback CCM (a standalone sandbox) serves BSS on the same address: billing never leaves it.
    let flags = EndpointFlags {
        endpoint: Some("http://127.0.0.1:9/p".into()),
        ..Default::default()
    };
    let (_, ep) = resolve_endpoints(&flags, &env, None).expect("loopback");
    assert_eq!(
        ep.bss.as_ref().map(|u| u.as_str()),
        Some("http://127.0.0.1:9/p")
    );
    // The flag wins, and is held to the rule of every endpoint.
    let flags = EndpointFlags {
        endpoint: Some("http://127.0.0.1:9".into()),
        bss_endpoint: Some("https://bss.example.test".into()),
        ..Default::default()
    };
    let (_, ep) = resolve_endpoints(&flags, &env, None).expect("flag");
    assert_eq!(
        ep.bss.as_ref().map(|u| u.as_str()),
        Some("https://bss.example.test/")
    );
    let flags = EndpointFlags {
        bss_endpoint: Some("http://bss.example.test".into()),
        ..Default::default()
    };
    let e = resolve_endpoints(&flags, &env, None).expect_err("plain http off loopback");
    assert!(e.to_string().starts_with("--bss-endpoint"), "{e}");
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn pod_identity_needs_both_variables_and_an_address_that_stays_on_the_host() {
    use pca_order::api::credentials::TemporarySource;
    use pca_order::config::{Problem, pod_identity};
    const URI: &str = "HC_CONTAINER_CREDENTIALS_FULL_URI";
    const FILE: &str = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    assert!(matches!(pod_identity(&env_of(&[])), Ok(None)));
    assert!(matches!(
        pod_identity(&env_of(&[(URI, "https://pod.example/creds")])),
        Err(ConfigError::Credentials(Problem::HalfKey { .. }))
    ));
    assert!(matches!(
        pod_identity(&env_of(&[(FILE, "/var/run/token")])),
        Err(ConfigError::Credentials(Problem::HalfKey { .. }))
    ));
    for ok in [
        "https://pod.example/creds",
        "http://127.0.0.1:8080/creds",
        "http://169.254.170.2/v1/credentials",
        "http://[fe80::1]/creds",
    ] {
        match pod_identity(&env_of(&[(URI, ok), (FILE, "/t")])) {
            Ok(Some(TemporarySource::PodIdentity { uri, token_file })) => {
                assert_eq!(token_file, Path::new("/t"));
                assert!(ok.starts_with(uri.scheme()), "{ok}");
            }
            other => panic!("{ok}: {other:?}"),
        }
    }
    for refused in [
        "http://pod.example/creds",
        "http://10.0.0.1/creds",
        "http://169.254.170.2/creds?x=1",
        "ftp://169.254.170.2/",
    ] {
        assert!(
            matches!(
                pod_identity(&env_of(&[(URI, refused), (FILE, "/t")])),
                Err(ConfigError::Usage(_))
            ),
            "{refused}"
        );
    }
}

#[test]
fn the_metadata_address_is_link_local_unless_our_variable_says_otherwise() {
    use pca_order::config::metadata_base;
    assert_eq!(
        metadata_base(&env_of(&[]))
            .expect("default")
            .map(String::from)
            .as_deref(),
        Some("http://169.254.169.254/")
    );
    assert_eq!(
        metadata_base(&env_of(&[("PCA_ORDER_METADATA_URL", "http://127.0.0.1:9")]))
            .expect("loopback")
            .map(String::from)
            .as_deref(),
        Some("http://127.0.0.1:9/")
    );
    assert!(matches!(
        metadata_base(&env_of(&[("PCA_ORDER_METADATA_URL", "off")])),
        Ok(None)
    ));
    assert!(metadata_base(&env_of(&[("PCA_ORDER_METADATA_URL", "http://md.example")])).is_err());
}

#[test]
fn a_ccm_override_serves_a_region_the_table_does_not_know() {
    let env = env_of(&[(
        "HUAWEICLOUD_SDK_REGION_CCM_XX_NEW_1",
        "https://ccm.xx-new-1.example",
    )]);
    let flags = EndpointFlags {
        region: Some("xx-new-1".into()),
        ..Default::default()
    };
    let (region, ep) = resolve_endpoints(&flags, &env, None).expect("override");
    assert_eq!(region, "xx-new-1");
    assert_eq!(ep.ccm.as_str(), "https://ccm.xx-new-1.example/");
    // An empty list is no override: the region table's rule applies again.
    let env = env_of(&[("HUAWEICLOUD_SDK_REGION_CCM_XX_NEW_1", " , ")]);
    assert!(resolve_endpoints(&flags, &env, None).is_err());
}
