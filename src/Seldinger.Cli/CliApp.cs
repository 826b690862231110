using Seldinger.Cli.Commands;
using Seldinger.Dicom;
using Seldinger.Imaging.Series;

namespace Seldinger.Cli;

/// <summary>Dispatches <c>seldinger COMMAND ...</c> and turns failures into one-line errors and exit codes.</summary>
internal static class CliApp
{
    public const string Usage = """
        Usage: seldinger COMMAND [OPTIONS]

          demo [--port 5080] [--data DIR] [--no-serve] [--case NAME [--age YEARS] [--size N]]
                 Generate a phantom CT, import it, plan a biopsy path and serve the web UI;
                 with --case, start with a phantom library case and plan the procedure it was made for.
          serve [--port 5080] [--host 127.0.0.1] [--data DIR] [--db sqlite|postgres] [--connection STR] [--migrate]
                [--plain-http]  (needed for any non-loopback --host: put a TLS reverse proxy in front instead)
                 Serve the API and web UI.
          phantom --out DIR [--seed N] [--age YEARS] [--noise HU] [--seg binary|labelmap]
                 Write the abdominal CT phantom as a DICOM series plus its label map (labels.nrrd and DICOM SEG).
          phantom --list | --case NAME --out DIR [--age 0|1|5|10|15] [--phase none|arterial|portal] [--dose-mgy X | --noise HU] [--seed N] [--size N] [--slices N]
                 List the pediatric phantom cases, or write one (CT, labels.nrrd, DICOM SEG and manifest.json).
          dicom dump FILE [--json]
                 Print a DICOM file's elements (--json: the DICOM JSON model of PS3.18 Annex F).
          dicom series DIR [--json]
                 The volume a folder of slices forms: size, spacing, origin, axes; or why it cannot.
          dicom pixels FILE [--frame N] [--window C,W] --out x.png|x.raw
                 Decode one frame to a PNG (as displayed) or raw samples (as stored).
          dicom convert IN OUT --transfer-syntax NAME|UID
                 Rewrite a file in another transfer syntax.
          image reslice SERIES (--plane axial|coronal|sagittal [--index N] | --center x,y,z --normal x,y,z [--up x,y,z] [--size W,H])
                [--slab MM [--mode mip|minip|mean]] [--window C,W | --preset soft|bone|lung|liver] [--labels FILE [--opacity 0.4]]
                [--pixel MM] [--interp nearest|linear|cubic] --out x.png
                 Cut a plane (or a thick slab) out of a series, with label colours blended over it.
          image stats --labels FILE [--series SERIES] [--label N|NAME,...] [--json]
                 Per label: volume mL, voxels, bounding box, centroid, largest diameter; HU with --series.
          image mesh --labels FILE [--series SERIES] [--label N|NAME,...] [--smooth ITER] [--decimate FRACTION] --out x.stl|x.obj|x.glb
                 The closed surface of a label (or of several together): triangles, watertight, area, volume.
          image segment SERIES (--threshold LO,HI | --grow x,y,z --range LO,HI | --body | --lungs | --bones)
                [--close MM] [--fill-holes] [--largest] [--value N] --out labels.nrrd
                 A label map from the CT numbers.
          image distance --labels FILE [--series SERIES] --label N|NAME [--signed] [--device cpu|gpu|auto] --out dist.nrrd
                 Distance map (mm) to a label as a float NRRD.
          procedures [--json] [--catalogue FILE]
                 The procedure catalogue (guidance, targets, margins, devices, SIR 2019 bleeding risk); --catalogue validates another file.
          plan --case NAME --procedure ID [--age YEARS] [--size N] [--target x,y,z] [--entry x,y,z] [--catalogue FILE] [--json] [--out FILE]
          plan --case-id GUID --procedure ID [--data DIR] [--db sqlite|postgres] [--connection STR] [--target x,y,z] [--entry x,y,z] [--catalogue FILE] [--json] [--out FILE]
                 Plan a procedure on a phantom library case (generated in memory) or on a stored case (the plan is stored).
                 Exit code 0: a safe route exists; 3: no safe route (see the warnings); 4: planning is not possible.
          ablate --case NAME | --case-id GUID [--procedure ID] [--device ID] [--setting ID] [--probes N] [--json] [--out DIR] …; ablate devices
                 Plan an ablation (probes, zone, margins, structures at risk); 'seldinger ablate --help' lists every option.
          fhir export --episode REFERRAL-ID [--out FILE] [--mrn-system URI] [--data DIR] [--db sqlite|postgres] [--connection STR]
          fhir codesystem [--out FILE]
                 A stored episode as a FHIR R4 Bundle (JSON), or the CodeSystem of IR adverse-event grades.
                 Exit code 3: no episode has that referral id.
          db migrate [--data DIR] [--db sqlite|postgres] [--connection STR]
                 Create or update the database schema.
          users add NAME --role ROLE [--display-name TEXT] [--password-stdin] | users list | users disable NAME | users password NAME [--password-stdin]
                 Local accounts (roles: IrPhysician, Nurse, Technologist, Scheduler, ReferringClinician, Administrator);
                 without --password-stdin a strong password is generated and printed once.

        SERIES is a folder of DICOM slices; a label map FILE is labels.nrrd or a DICOM SEG (which needs --series).
        The data directory defaults to $SELDINGER_DATA, else ~/.local/share/seldinger.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                "demo" => await DemoCommand.RunAsync(CommandLine.Parse(args.Skip(1), "--no-serve")),
                "serve" => await ServeCommand.RunAsync(CommandLine.Parse(args.Skip(1), "--migrate", "--plain-http")),
                "phantom" => PhantomCommand.Run(CommandLine.Parse(args.Skip(1), "--list")),
                "dicom" => DicomCommand.Run(args.Skip(1).ToArray()),
                "image" => ImageCommand.Run(args.Skip(1).ToArray()),
                "db" => await DbCommand.RunAsync(args.Skip(1).ToArray()),
                "users" => await UsersCommand.RunAsync(args.Skip(1).ToArray()),
                "ablate" => await AblateCommand.RunAsync(args.Skip(1).ToArray()),
                "plan" => await PlanCommand.RunAsync(CommandLine.Parse(args.Skip(1), "--json")),
                "procedures" => ProceduresCommand.Run(CommandLine.Parse(args.Skip(1), "--json")),
                "fhir" => await FhirCommand.RunAsync(args.Skip(1).ToArray()),
                _ => throw new UsageException($"Unknown command '{args[0]}'."),
            };
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"seldinger: {ex.Message}");
            Console.Error.WriteLine("Run 'seldinger --help' for the commands.");
            return 2;
        }
        catch (Exception ex) when (ex is DicomException or SeriesGeometryException or IOException or InvalidDataException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"seldinger: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Writes a line as is: no markup, no wrapping, so scripts can read it.</summary>
    public static void Say(string text) => Console.Out.WriteLine(text);
}
