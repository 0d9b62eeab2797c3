using Shop.WebApi;
using Shop.WebApi.Common;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddShop(builder.Configuration);
var app = builder.Build();

var verb = args.FirstOrDefault(arg => !arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal));
if (verb is not null)
{
    return await HostVerbs.RunAsync(app, verb);
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
