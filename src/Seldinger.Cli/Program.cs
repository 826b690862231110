using Seldinger.Cli;
using Seldinger.Cli.Commands;

return await CliApp.RunAsync(args);
