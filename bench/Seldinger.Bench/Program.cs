using Seldinger.Bench;

return args switch
{
    ["generate", var dir, ..] => SeriesIngest.Generate(dir, Options.Int(args, "--slices", 500), Options.Int(args, "--size", 512)),
    ["load", var dir] => SeriesIngest.LoadOnce(dir),
    ["header", var dir] => SeriesIngest.HeaderOnce(dir),
    ["noop"] => 0,
    ["b1", ..] => SeriesIngest.Run(args[1..]),
    ["b2", ..] => DistanceTransformBench.Run(args[1..]),
    ["b7", ..] => SurfaceExtractionBench.Run(args[1..]),
    ["b3", ..] => PlannerSweepBench.Run(args[1..]),
    ["b4", ..] => ThermalBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: bench b4 [--runs 3] [--size 128] [--big 512] [--big-steps 20] [--no-512] [--no-c] [--c-bin bench/b4/bin] [--workload bench/b4/workload.json] [--out bench/results/B4-thermal-simulation.md]
               bench b3 [--runs 5] [--size 512] [--slices 400] [--age 10] [--case liver-tumor] [--no-reference] [--no-catalogue] [--out bench/results/B3-trajectory-sweep.md]
               bench b7 [--size 512] [--runs 5] [--peer-runs 3] [--no-vtk] [--out bench/results/B7-surface-extraction.md]
               bench b1 [--data DIR] [--slices 500] [--size 512] [--runs 7] [--out bench/results/B1-series-ingest.md]
               bench generate DIR [--slices 500] [--size 512]
               bench load DIR      one full series load in this process (prints ms)
               bench header DIR    one header-only series read in this process (prints ms)
               bench noop          start and exit (the runtime's own start-up)
        """);
    return 2;
}
