using Seldinger.Cli;

return await CliApp.RunAsync(args);
