use engagekit::{json, evaluation::Evaluation, report::Report};
#[test]
fn probe() {
    let e = json::from_json::<Evaluation>(r#"{"schema":"engagekit/evaluation@1","title":"t","scale":{"max":4,"labels":["a","b","c","d","e"]},"price":{"weight":40,"method":"lowest"},
      "criteria":[{"id":"Q1","title":"x","weigth":60}],"bids":[],"panel":[]}"#).unwrap_err();
    println!("{} | {} | {}", e.code(), e.path(), e);
    let e = json::from_json::<Evaluation>(r#"{"schema":"engagekit/evaluation@1","title":"t","scale":{"max":4,"labels":["a","b","c","d","e"]},"price":{"weight":40,"method":"lowest"},
      "criteria":[{"id":"Q1","title":"x"}],"bids":[],"panel":[]}"#).unwrap_err();
    println!("{} | {} | {}", e.code(), e.path(), e);
    let e = json::from_json::<Evaluation>(r#"{"schema":"engagekit/evaluation@1","title":"t","scale":{"max":4,"labels":["a","b","c","d","e"]},"price":{"weight":40,"method":"lowest"},
      "criteria":[{"id":"Q1","title":"x","weight":"60"}],"bids":[],"panel":[{"id":"E1","role":"wizard"}]}"#).unwrap_err();
    println!("{} | {} | {}", e.code(), e.path(), e);
    let e = json::from_json::<Evaluation>(r#"{"schema":"engagekit/evaluation@1","title":"t","scale":{"max":4,"labels":["a","b","c","d","e"]},"price":{"weight":40,"method":"lowest"},
      "criteria":[{"id":"Q1","title":"x","weight":60}],"bids":[],"panel":[{"id":"E1","role":"wizard"}]}"#).unwrap_err();
    println!("{} | {} | {}", e.code(), e.path(), e);
    let e = json::from_json::<Evaluation>(r#"{"schema":"engagekit/evaluation@1","title":"t","scale":{"max":-4,"labels":["a","b","c","d","e"]},"price":{"weight":40,"method":"lowest"},
      "criteria":[{"id":"Q1","title":"x","weight":60}],"bids":[],"panel":[{"id":"E1","role":"wizard"}]}"#).unwrap_err();
    println!("{} | {} | {}", e.code(), e.path(), e);
    let deep = format!("{{\"schema\":\"engagekit/report@1\",\"title\":\"t\",\"sections\":{}{}}}", "[".repeat(100000), "]".repeat(100000));
    let e = json::from_json::<Report>(&deep).unwrap_err();
    println!("{} | {} | {}", e.code(), e.path(), e);
    let mut s = String::from("{\"schema\":\"engagekit/report@1\",\"title\":\"t\",\"sections\":");
    for _ in 0..40 { s.push_str("[{\"title\":\"x\",\"sections\":"); }
    s.push_str("[]"); for _ in 0..40 { s.push_str("}]"); } s.push('}');
    let e = json::from_json::<Report>(&s).unwrap_err();
    println!("{} | {} | {}", e.code(), e.path(), e);
    for t in ["", "  ", "[1]", "{\"a\":", "{\"schema\":5}", "{}", "{\"schema\":\"x\"}", "{\"title\":\"x\"} x"] {
        let e = json::any_from_json(t).unwrap_err();
        println!("{:?} -> {} | {} | {}", t, e.code(), e.path(), e);
    }
}
