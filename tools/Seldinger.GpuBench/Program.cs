using Seldinger.GpuBench;

return args switch
{
    ["gpu-bench", ..] => GpuCheck.Run(args[1..]),
    ["thermal-bench", ..] => ThermalCheck.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: gpubench gpu-bench --out result.json [--size 512] [--slices 400] [--runs 10] [--seed N]
                                  [--device gpu|cpu-accelerator] [--copy-mib 1024]
          Checks the ILGPU distance transform against the CPU engine on fresh random volumes, times warm
          medians on the device (synchronised), probes device-copy bandwidth, and writes JSON to --out.
          --device cpu-accelerator runs the kernels on ILGPU's CPU accelerator (a harness check only;
          use small --size).
               gpubench thermal-bench --out thermal.json [--sizes 256,512] [--steps 20] [--runs 10] [--trials 8] [--seed N]
                                      [--device gpu|cpu-accelerator] [--copy-mib 1024] [--variants all|NAME,...]
          For each kernel variant (column, list, grid-k8, grid, pairs-k16, pairs, pairs-k128, quads, vector4: a layout
          and a chunk length along k), checks the ILGPU bioheat engine against the CPU engine on fresh random
          problems (heat, hot probe, freeze, thaw) and times synchronised medians of N steps for plain conduction and an
          RF ablation at each size; probes device-copy bandwidth, and writes JSON to --out (per variant: G updates/s and
          the fraction of the copy bandwidth).
        exit codes: 0 all checks passed, 1 a result differed from the CPU engine, 2 usage, 3 no CUDA device
        """);
    return 2;
}
