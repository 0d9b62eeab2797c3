using Microsoft.Extensions.Options;
using Shop.Infrastructure;
using Shop.WebApi;
using Shop.WebApi.Verbs;

// A verb, if any, comes first: `-- migrate`. Anything else is host configuration (--urls ...).
var verb = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;

var builder = WebApplication.CreateBuilder(args);
if (verb is not null)
{
    // A verb prints its own outcome, failures included; EF's own error logs would only repeat them at length.
    builder.Logging.AddFilter((string?)null, LogLevel.Warning);
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
    builder.Logging.AddFilter(typeof(Shop.Infrastructure.Diagnostics.OutageLog).FullName, LogLevel.None);
}

try
{
    builder.Services.AddShop(builder.Configuration);
}
catch (MissingConfigurationException missing)
{
    // Say what to set instead of a stack trace.
    await Console.Error.WriteLineAsync(missing.Message);
    return 2;
}

WebApplication app;
try
{
    // Building resolves the server, whose options read the settings; ValidateOnStart checks the rest when the host
    // starts, which a verb never does: checked here for both.
    app = builder.Build();
    app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (Exception invalid) when (Settings.UnusableIn(invalid) is { Count: > 0 } unusable)
{
    foreach (var line in unusable)
    {
        await Console.Error.WriteLineAsync(line);
    }

    return 2;
}

if (verb is not null)
{
    return await HostVerbs.RunAsync(app, verb, args[1..]);
}

if (app.Environment.IsDevelopment())
{
    await HostVerbs.MigrateAsync(app.Services);
}

app.UseShop();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
