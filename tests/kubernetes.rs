//! `src/kubernetes.yaml` is well-formed YAML (read by a real YAML parser)
//! and matches the binary: the port it listens on, the probe paths, the
//! variables `serve` reads, a grace period longer than the drain plus the
//! time requests in flight get, and one set of labels throughout. A cluster
//! cannot run here; this is what can go stale without one.

use std::collections::BTreeSet;
use std::net::SocketAddr;

use clap::{CommandFactory, Parser};
use knotwise::config::{Cli, DEFAULT_ADDR};
use knotwise::server::SHUTDOWN_TIMEOUT_SECONDS;
use knotwise::urls;
use yaml_rust2::{Yaml, YamlLoader};

fn manifests() -> Vec<Yaml> {
    let text = include_str!("../src/kubernetes.yaml");
    YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("src/kubernetes.yaml is not valid YAML: {e}"))
}

fn find<'a>(docs: &'a [Yaml], kind: &str) -> &'a Yaml {
    docs.iter().find(|d| d["kind"].as_str() == Some(kind)).unwrap_or_else(|| panic!("no {kind} in {docs:?}"))
}

fn text<'a>(yaml: &'a Yaml, what: &str) -> &'a str {
    yaml.as_str().unwrap_or_else(|| panic!("{what} is not a string: {yaml:?}"))
}

fn number(yaml: &Yaml, what: &str) -> i64 {
    yaml.as_i64().unwrap_or_else(|| panic!("{what} is not a number: {yaml:?}"))
}

/// The variables `serve` reads, from its flags.
fn serve_variables() -> BTreeSet<String> {
    let command = Cli::command();
    let serve = command.find_subcommand("serve").expect("a serve command");
    serve
        .get_arguments()
        .chain(command.get_arguments())
        .filter_map(|arg| arg.get_env())
        .map(|env| env.to_string_lossy().into_owned())
        .chain(["RUST_LOG".to_string()])
        .collect()
}

#[test]
fn the_kubernetes_manifests_match_the_binary() {
    let docs = manifests();
    let kinds: Vec<&str> = docs.iter().map(|d| text(&d["kind"], "kind")).collect();
    assert_eq!(kinds, ["Deployment", "Service", "PodDisruptionBudget"]);
    let deployment = find(&docs, "Deployment");
    let service = find(&docs, "Service");
    let budget = find(&docs, "PodDisruptionBudget");
    assert_eq!(text(&deployment["apiVersion"], "apiVersion"), "apps/v1");
    assert_eq!(text(&service["apiVersion"], "apiVersion"), "v1");
    assert_eq!(text(&budget["apiVersion"], "apiVersion"), "policy/v1");

    // One set of labels: the Deployment's pods are what the Service and the
    // budget select.
    let labels = &deployment["spec"]["template"]["metadata"]["labels"];
    assert!(!labels.is_badvalue() && !labels.is_null(), "the pods have labels");
    for selector in [
        &deployment["spec"]["selector"]["matchLabels"],
        &service["spec"]["selector"],
        &budget["spec"]["selector"]["matchLabels"],
    ] {
        assert_eq!(selector, labels, "every selector matches the pods' labels");
    }
    assert!(number(&deployment["spec"]["replicas"], "replicas") >= 2, "several copies");
    assert!(
        !budget["spec"]["maxUnavailable"].is_badvalue() || !budget["spec"]["minAvailable"].is_badvalue(),
        "the budget says how many may go"
    );

    let pod = &deployment["spec"]["template"]["spec"];
    let containers = pod["containers"].as_vec().expect("containers");
    assert_eq!(containers.len(), 1);
    let container = &containers[0];
    let env: Vec<(&str, &str)> = container["env"]
        .as_vec()
        .expect("env")
        .iter()
        .map(|e| (text(&e["name"], "env name"), text(&e["value"], "env value")))
        .collect();
    let known = serve_variables();
    for (name, _) in &env {
        assert!(known.contains(*name), "`{name}` is not a variable `serve` reads: {known:?}");
    }
    let value = |name: &str| env.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);

    // The port: the binary's default, on every address of the pod, named
    // for the probes and the Service.
    let addr: SocketAddr = value("KNOTWISE_ADDR").expect("KNOTWISE_ADDR is set").parse().unwrap();
    assert!(addr.ip().is_unspecified(), "the pod listens on every address, not loopback: {addr}");
    assert_eq!(addr.port(), DEFAULT_ADDR.port(), "the binary's default port");
    let ports = container["ports"].as_vec().expect("ports");
    assert_eq!(ports.len(), 1);
    assert_eq!(number(&ports[0]["containerPort"], "containerPort"), i64::from(addr.port()));
    let port_name = text(&ports[0]["name"], "port name");
    assert_eq!(text(&service["spec"]["ports"][0]["targetPort"], "targetPort"), port_name);

    // The probes ask the binary's own paths on that port.
    for (probe, path) in
        [("startupProbe", urls::HEALTHZ), ("livenessProbe", urls::HEALTHZ), ("readinessProbe", urls::READYZ)]
    {
        let get = &container[probe]["httpGet"];
        assert_eq!(text(&get["path"], probe), path, "{probe}");
        assert_eq!(text(&get["port"], probe), port_name, "{probe}");
    }

    // Stopping: the readiness probe notices the drain before it ends, and
    // the pod is killed only after the drain and the requests in flight.
    let defaults = Cli::try_parse_from(["knotwise"]).unwrap().serve;
    let drain = value("KNOTWISE_DRAIN_SECONDS").map_or(defaults.drain_seconds, |v| v.parse().unwrap());
    let readiness = &container["readinessProbe"];
    let noticed = number(&readiness["periodSeconds"], "periodSeconds")
        * number(&readiness["failureThreshold"], "failureThreshold");
    assert!(noticed < drain as i64, "the drain ({drain} s) outlasts the readiness probe ({noticed} s)");
    let grace = number(&pod["terminationGracePeriodSeconds"], "terminationGracePeriodSeconds");
    assert!(
        grace > (drain + SHUTDOWN_TIMEOUT_SECONDS) as i64,
        "the grace period ({grace} s) is longer than the drain ({drain} s) plus {SHUTDOWN_TIMEOUT_SECONDS} s"
    );
}

#[test]
fn the_parser_refuses_broken_yaml() {
    // So the test above can fail on a bad edit.
    assert!(YamlLoader::load_from_str("spec:\n  replicas: 3\n bad: indent\n").is_err());
    assert!(YamlLoader::load_from_str("ports: [8080\n").is_err());
}
