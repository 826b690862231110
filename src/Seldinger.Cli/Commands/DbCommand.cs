namespace Seldinger.Cli.Commands;

/// <summary><c>seldinger db migrate</c>.</summary>
internal static class DbCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "migrate")
        {
            throw new UsageException("Use 'seldinger db migrate'.");
        }

        var line = CommandLine.Parse(args.Skip(1));
        var storage = StorageArguments.Read(line);
        line.RejectUnknown();
        await ServeCommand.MigrateAndReportAsync(storage);
        return 0;
    }
}
