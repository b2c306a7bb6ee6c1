//! `make bench`: each workload at 1/10, 1 and 10 times its size, measured by criterion warm and
//! cold, then the growth ratio of each tenfold step (linear is about 10) from criterion's medians.
//! The tables are also written to target/bench/native.json for BENCHMARKS.md.
//!
//! `cargo bench --no-default-features --bench workloads -- evaluate` runs only the benchmarks
//! whose criterion id (`evaluate/warm/15000`) contains "evaluate"; a table row is printed for a
//! workload only when all three of its sizes ran.

use std::cell::Cell;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode};

use engagekit::calendar::{BankHolidays, Region};
use engagekit::evaluation::{evaluate, Evaluation};
use engagekit::json::from_json;
use engagekit::monitoring::{monitor, Monitoring};
use engagekit::report::{lint, render, RenderFormat, ReportSource};
use engagekit::survey::{read_responses, summarise, SummaryOptions, Survey};
use engagekit::timeline::{check, Timeline};
use engagekit::Date;
use serde_json::{json, Value};

/// A small deterministic generator (xorshift), so that every run measures the same documents.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// An evaluation with `bids` x `criteria` x `evaluators` scores.
pub fn evaluation_doc(bids: usize, criteria: usize, evaluators: usize) -> String {
    let mut rng = Rng(42);
    let weight = 80.0 / criteria as f64;
    // Weights to 3 places that total 80 exactly: all but the last rounded, the last the rest.
    let mut weights: Vec<f64> = (0..criteria)
        .map(|_| (weight * 1000.0).floor() / 1000.0)
        .collect();
    let rest = 80.0 - weights[..criteria - 1].iter().sum::<f64>();
    weights[criteria - 1] = (rest * 1000.0).round() / 1000.0;
    let roles = [
        "serviceUser",
        "carer",
        "parentRep",
        "youngPerson",
        "clinician",
        "commissioner",
        "finance",
    ];
    let mut scores = Vec::with_capacity(bids * criteria * evaluators);
    for b in 0..bids {
        for c in 0..criteria {
            for e in 0..evaluators {
                scores.push(json!({"evaluator": format!("E{e}"), "bid": format!("B{b}"), "criterion": format!("Q{c}"), "score": rng.below(5), "rationale": "Reasons."}));
            }
        }
    }
    json!({
        "schema": "engagekit/evaluation@1", "title": "Benchmark",
        "scale": {"max": 4, "labels": ["0", "1", "2", "3", "4"]}, "price": {"weight": 20, "method": "lowest"},
        "criteria": (0..criteria).map(|c| json!({"id": format!("Q{c}"), "title": format!("Criterion {c}"), "weight": weights[c]})).collect::<Vec<Value>>(),
        "bids": (0..bids).map(|b| json!({"id": format!("B{b}"), "bidder": format!("Bidder {b}"), "price": 100_000 + rng.below(900_000)})).collect::<Vec<Value>>(),
        "panel": (0..evaluators).map(|e| json!({"id": format!("E{e}"), "role": roles[e % roles.len()], "trainingCompleted": "2024-01-01"})).collect::<Vec<Value>>(),
        "scores": scores
    })
    .to_string()
}

/// A plan of `n` activities over ten years.
pub fn timeline_doc(n: usize) -> String {
    let mut rng = Rng(7);
    let kinds = [
        "engagement",
        "consultation",
        "survey",
        "event",
        "scrutiny",
        "analysis",
        "decision",
        "feedback",
        "publication",
    ];
    let start = Date::from_ymd(2016, 1, 1).unwrap();
    let activities: Vec<Value> = (0..n)
        .map(|i| {
            let s = start.add_days(rng.below(3650) as i64).unwrap();
            let e = s.add_days(rng.below(120) as i64).unwrap();
            json!({"id": format!("a{i}"), "kind": kinds[i % kinds.len()], "title": format!("Activity {i}"), "start": s.to_string(), "end": e.to_string(),
                   "commentsBy": e.to_string(), "decisionBy": e.to_string(), "responses": [{"date": s.to_string(), "count": rng.below(1000)}]})
        })
        .collect();
    json!({"schema": "engagekit/timeline@1", "title": "Benchmark", "substantialVariation": true, "activities": activities,
           "preElectionPeriods": [{"title": "Election", "start": "2018-03-26", "end": "2018-05-03"}]})
    .to_string()
}

/// A report of about `bytes` of text, from the seed report.
pub fn report_text(bytes: usize) -> String {
    let seed = include_str!("../tests/data/stp-one-year-on-2017.txt");
    let mut out = String::with_capacity(bytes + seed.len());
    let mut section = 1;
    while out.len() < bytes {
        out.push_str(&format!("{section} Section {section}\n\n"));
        out.push_str(seed);
        out.push('\n');
        section += 1;
    }
    out
}

/// A monitoring document of `standards` standards with five measures each.
pub fn monitoring_doc(standards: usize) -> String {
    let mut rng = Rng(3);
    let mut results = Vec::new();
    let stds: Vec<Value> = (0..standards)
        .map(|s| {
            let measures: Vec<Value> = (0..5)
                .map(|m| {
                    let id = format!("S{s}M{m}");
                    if m % 2 == 0 {
                        results.push(json!({"standard": format!("S{s}"), "measure": id, "value": rng.below(100)}));
                        json!({"id": id, "kind": "kpi", "target": 90, "tolerance": 5})
                    } else {
                        results.push(json!({"standard": format!("S{s}"), "measure": id, "counts": (0..5).map(|_| rng.below(20)).collect::<Vec<u64>>()}));
                        json!({"id": id, "kind": "feedback", "question": "?", "target": 80, "tolerance": 10})
                    }
                })
                .collect();
            json!({"id": format!("S{s}"), "theme": "access", "statement": "A standard.", "measures": measures})
        })
        .collect();
    json!({"schema": "engagekit/monitoring@1", "period": "Q1", "results": results,
           "charter": {"schema": "engagekit/charter@1", "id": "c", "title": "Benchmark", "standards": stds}})
    .to_string()
}

/// A national survey: nine questions (choices, a scale, a number, free text and three profile
/// questions with population shares), and `n` responses as a CSV export.
pub fn survey_doc(n: usize) -> (String, String) {
    let areas = ["North", "South", "East", "West", "Central"];
    let ages = [
        "Under 25",
        "25 to 44",
        "45 to 64",
        "65 and over",
        "Prefer not to say",
    ];
    let survey = json!({"schema": "engagekit/survey@1", "id": "national", "title": "Benchmark survey",
        "questions": [
            {"id": "support", "text": "Do you support the proposal?", "type": "single", "options": ["Yes", "No", "Not sure"]},
            {"id": "why", "text": "Why not?", "type": "text", "showIf": {"question": "support", "anyOf": ["No"]}},
            {"id": "agree", "text": "How far do you agree?", "type": "scale", "scale": {"min": 1, "max": 5}},
            {"id": "travel", "text": "How would you travel?", "type": "multiple", "options": ["Car", "Bus", "Train", "Walk", "Taxi"]},
            {"id": "minutes", "text": "Minutes", "type": "number"},
            {"id": "comments", "text": "Anything else?", "type": "text"},
            {"id": "age", "text": "Age", "type": "single", "options": ages, "about": "respondent"},
            {"id": "area", "text": "Area", "type": "single", "options": areas, "about": "respondent"},
            {"id": "carer", "text": "Are you a carer?", "type": "single", "options": ["Yes", "No"], "about": "respondent"}],
        "population": {"source": "Benchmark", "groups": {
            "age": {"Under 25": 30, "25 to 44": 25, "45 to 64": 25, "65 and over": 20},
            "area": {"North": 20, "South": 20, "East": 20, "West": 20, "Central": 20}}}})
    .to_string();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut csv =
        String::from("response,channel,support,why,agree,travel,minutes,comments,age,area,carer\n");
    let travel = ["Car", "Bus", "Car;Bus", "Train;Walk", "", "Taxi"];
    let support = ["Yes", "No", "Not sure", ""];
    for i in 0..n {
        let s = support[rng.below(4) as usize];
        let why = if s == "No" { "Too far to travel" } else { "" };
        let agree = match rng.below(6) {
            0 => String::new(),
            k => k.to_string(),
        };
        let comments = if rng.below(3) == 0 {
            "\"Please keep the clinic open, it is close to home.\""
        } else {
            ""
        };
        csv.push_str(&format!(
            "R{i},online,{s},{why},{agree},{},{},{comments},{},{},{}\n",
            travel[rng.below(6) as usize],
            5 + rng.below(90),
            ages[rng.below(5) as usize],
            areas[rng.below(5) as usize],
            ["Yes", "No"][rng.below(2) as usize],
        ));
    }
    (survey, csv)
}

/// Bytes written between cold runs: twice the largest last-level cache of the machines this runs
/// on (32 MiB here), so that nothing of the previous run is left in any cache.
const EVICT_BYTES: usize = 64 << 20;

/// Writes every cache line of `buffer`, pushing whatever a previous run left out of the caches.
fn evict(buffer: &mut [u8]) {
    for (i, byte) in buffer.iter_mut().enumerate().step_by(64) {
        *byte = byte.wrapping_add(i as u8);
    }
    black_box(buffer);
}

/// Where criterion keeps its results, read back for the growth ratios.
const CRITERION_DIR: &str = "target/criterion";

struct Row {
    workload: &'static str,
    sizes: [String; 3],
    times: [Duration; 3],
}

/// One workload: its criterion group (`key`), its name and three sizes as written in the table,
/// and `setup`, which builds the input of size index 0, 1 or 2 (untimed) and returns the run to
/// time.
struct Workload {
    key: &'static str,
    name: &'static str,
    sizes: [&'static str; 3],
    setup: fn(usize) -> Box<dyn FnMut()>,
}

fn evaluation_of(size: usize) -> String {
    // 50 bids x 200 criteria x 15 evaluators = 150,000 scores; 1/10 and 10x by bids.
    evaluation_doc([5, 50, 500][size], 200, 15)
}

const WORKLOADS: [Workload; 7] = [
    Workload {
        key: "evaluate",
        name: "evaluate (scores)",
        sizes: ["15,000", "150,000", "1,500,000"],
        setup: |size| {
            let doc: Evaluation = from_json(&evaluation_of(size)).unwrap();
            Box::new(move || {
                black_box(evaluate(black_box(&doc)).unwrap());
            })
        },
    },
    Workload {
        key: "read",
        name: "read evaluation JSON",
        sizes: ["1.2 MB", "12.1 MB", "122 MB"],
        setup: |size| {
            let text = evaluation_of(size);
            Box::new(move || {
                black_box(from_json::<Evaluation>(black_box(&text)).unwrap());
            })
        },
    },
    Workload {
        // 1,000, 10,000, 100,000 activities over ten years, with status.
        key: "timeline",
        name: "timeline check (activities)",
        sizes: ["1,000", "10,000", "100,000"],
        setup: |size| {
            let plan: Timeline = from_json(&timeline_doc([1_000, 10_000, 100_000][size])).unwrap();
            let today = Date::from_ymd(2020, 6, 1).unwrap();
            Box::new(move || {
                black_box(check(black_box(&plan), today));
            })
        },
    },
    Workload {
        key: "report",
        name: "report lint + render (text)",
        sizes: ["100 KB", "1 MB", "10 MB"],
        setup: |size| {
            let source = ReportSource::Text(report_text([100_000, 1_000_000, 10_000_000][size]));
            Box::new(move || {
                black_box(lint(black_box(&source), Date::from_ymd(2017, 12, 1)));
                black_box(render(black_box(&source), RenderFormat::Html).unwrap());
            })
        },
    },
    Workload {
        // 100, 1,000, 10,000 standards of five measures.
        key: "monitor",
        name: "charter monitor (measures)",
        sizes: ["500", "5,000", "50,000"],
        setup: |size| {
            let doc: Monitoring = from_json(&monitoring_doc([100, 1_000, 10_000][size])).unwrap();
            Box::new(move || {
                black_box(monitor(black_box(&doc), None).unwrap());
            })
        },
    },
    Workload {
        // Read the CSV and summarise, broken down by area: 1,000, 10,000, 100,000 responses.
        key: "survey",
        name: "survey summarise (responses)",
        sizes: ["1,000", "10,000", "100,000"],
        setup: |size| {
            let (survey, csv) = survey_doc([1_000, 10_000, 100_000][size]);
            let survey: Survey = from_json(&survey).unwrap();
            Box::new(move || {
                let responses = read_responses(&survey, "bench.csv", black_box(&csv)).unwrap();
                let options = SummaryOptions {
                    by: Some("area"),
                    coding: None,
                };
                black_box(summarise(&survey, &responses, &options).unwrap());
            })
        },
    },
    Workload {
        key: "working-days",
        name: "working-day queries",
        sizes: ["100,000", "1,000,000", "10,000,000"],
        setup: |size| {
            let n = [100_000u64, 1_000_000, 10_000_000][size];
            let calendar = BankHolidays::builtin();
            let start = Date::from_ymd(2010, 1, 1).unwrap();
            Box::new(move || {
                let mut total = 0u64;
                for i in 0..n {
                    let d = start.add_days((i % 9000) as i64).unwrap();
                    total += u64::from(calendar.is_working_day(Region::EnglandAndWales, d));
                    if i % 4 == 0 {
                        total += u64::from(calendar.working_days_between(
                            Region::EnglandAndWales,
                            d,
                            d.add_days(90).unwrap(),
                        ));
                    }
                }
                black_box(total);
            })
        },
    },
];

fn main() {
    // `workloads --only N SIZE RUNS`: workload N (0-based, in table order) at size index SIZE,
    // run RUNS times and nothing else, for scripts/bench-instructions.sh to count instructions.
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--only") {
        let number = |k: usize| -> usize {
            args.get(at + k)
                .and_then(|a| a.parse().ok())
                .expect("--only N SIZE RUNS")
        };
        let mut run = (WORKLOADS[number(1)].setup)(number(2));
        for _ in 0..number(3) {
            run();
        }
        return;
    }
    // Criterion's filter, the first argument that is not a flag (cargo passes `--bench`).
    let filter = args.iter().skip(1).find(|a| !a.starts_with('-')).cloned();
    let mut criterion = Criterion::default()
        .sample_size(10)
        .nresamples(10_000)
        .output_directory(Path::new(CRITERION_DIR))
        .configure_from_args();
    let mut buffer = vec![0u8; EVICT_BYTES];
    evict(&mut buffer); // the first touch of the pages, then a timed flush
    let flush = {
        let t = Instant::now();
        evict(&mut buffer);
        t.elapsed()
    };
    // Which sizes and modes (warm, cold) of each workload criterion ran in this process: a filter
    // skips the rest, whose results on disk may be from another day.
    let ran: Vec<[[Cell<bool>; 2]; 3]> = WORKLOADS.iter().map(|_| Default::default()).collect();
    for (w, ran) in WORKLOADS.iter().zip(&ran) {
        let mut group = criterion.benchmark_group(w.key);
        group.sampling_mode(SamplingMode::Flat);
        for (size, ran) in ran.iter().enumerate() {
            // The input is built once a size, and only if a benchmark of it can pass the filter
            // (criterion's: a substring of the id).
            let label = w.sizes[size].replace([',', ' '], "");
            let id = |mode: &str| BenchmarkId::new(mode, &label);
            let ids = ["warm", "cold"].map(|mode| format!("{}/{mode}/{label}", w.key));
            if !filter
                .as_deref()
                .is_none_or(|f| ids.iter().any(|id| id.contains(f)))
            {
                continue;
            }
            let mut f = (w.setup)(size);
            let t = Instant::now();
            f(); // also a first warm-up
            let once = t.elapsed();
            // Warm: runs one after another on the same input (what fits the caches stays in them).
            // Ten samples of at least two runs each (criterion warns of samples of one run), and
            // at least 0.1 s of runs.
            group
                .warm_up_time(Duration::from_millis(100))
                .measurement_time((once * 20).max(Duration::from_millis(100)));
            group.bench_function(id("warm"), |b| {
                ran[0].set(true);
                b.iter(&mut f);
            });
            // Cold: the caches flushed before each run (untimed), as a single call meets them.
            // Criterion plans by the wall time of a run, flush included, and reports the timed
            // part only: ten samples of two runs.
            group
                .warm_up_time(Duration::from_nanos(1))
                .measurement_time((once + flush) * 20);
            group.bench_function(id("cold"), |b| {
                ran[1].set(true);
                b.iter_custom(|iterations| {
                    let mut timed = Duration::ZERO;
                    for _ in 0..iterations {
                        evict(&mut buffer);
                        let t = Instant::now();
                        f();
                        timed += t.elapsed();
                    }
                    timed
                });
            });
        }
        group.finish();
    }
    criterion.final_summary();

    let mut json = serde_json::Map::new();
    let mut whole = true;
    for (mode_index, (mode, title)) in [
        ("warm", "warm: runs one after another on the same input (an input that fits the caches stays in them)"),
        ("cold", "cold: every cache flushed before each run, as a single call meets them"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut rows = Vec::new();
        for (w, ran) in WORKLOADS.iter().zip(&ran) {
            let all = ran.iter().all(|modes| modes[mode_index].get());
            whole &= all;
            if !all {
                continue;
            }
            let times = [0, 1, 2].map(|size| {
                let label = w.sizes[size].replace([',', ' '], "");
                median(&format!("{CRITERION_DIR}/{}/{mode}/{label}", w.key))
            });
            rows.push(Row {
                workload: w.name,
                sizes: w.sizes.map(String::from),
                times,
            });
        }
        if rows.is_empty() {
            continue;
        }
        println!("\n{title} (criterion's median of each)");
        json.insert(mode.into(), Value::Array(print_table(&rows)));
    }
    if !whole {
        return; // the figures of BENCHMARKS.md come from a whole run
    }
    let _ = std::fs::create_dir_all("target/bench");
    let _ = std::fs::write(
        "target/bench/native.json",
        serde_json::to_string_pretty(&json).unwrap(),
    );
}

/// Criterion's median time of one benchmark, from the estimates it wrote in `dir`.
fn median(dir: &str) -> Duration {
    let path = format!("{dir}/new/estimates.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let estimates: Value = serde_json::from_str(&text).unwrap();
    let nanos = estimates["median"]["point_estimate"]
        .as_f64()
        .unwrap_or_else(|| panic!("{path}: no median"));
    Duration::from_secs_f64(nanos / 1e9)
}

/// Prints the table of `rows` with its growth ratios and verdict; returns the rows as JSON.
fn print_table(rows: &[Row]) -> Vec<Value> {
    println!(
        "{:<30} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>8} {:>8}",
        "workload", "1/10 size", "time", "size", "time", "10x size", "time", "ratio", "ratio"
    );
    let mut json_rows = Vec::new();
    let mut linear = true;
    for r in rows {
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        let r1 = r.times[1].as_secs_f64() / r.times[0].as_secs_f64();
        let r2 = r.times[2].as_secs_f64() / r.times[1].as_secs_f64();
        linear &= r1 <= 12.0 && r2 <= 12.0;
        println!(
            "{:<30} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>8.1} {:>8.1}",
            r.workload,
            r.sizes[0],
            ms(r.times[0]),
            r.sizes[1],
            ms(r.times[1]),
            r.sizes[2],
            ms(r.times[2]),
            r1,
            r2
        );
        json_rows.push(json!({"workload": r.workload, "sizes": r.sizes, "ms": r.times.iter().map(|t| t.as_secs_f64() * 1000.0).collect::<Vec<_>>(), "ratios": [r1, r2]}));
    }
    println!(
        "linear (every 10x ratio at most 12): {}",
        if linear { "yes" } else { "NO" }
    );
    json_rows
}
