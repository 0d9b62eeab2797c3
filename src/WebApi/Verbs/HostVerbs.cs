using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure;
using Shop.Infrastructure.Persistence;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.Verbs;

/// <summary>`dotnet run --project src/WebApi -- VERB`: one-shot tasks instead of serving.</summary>
internal static class HostVerbs
{
    public static async Task<int> RunAsync(WebApplication app, string verb, IReadOnlyList<string> arguments)
    {
        try
        {
            return await RunVerbAsync(app, verb, arguments);
        }
        catch (Exception exception) when (ServerFailureIn(exception) is { } failure)
        {
            await Console.Error.WriteLineAsync($"{verb}: the database or Redis could not be reached: {failure.Message}");
            return 1;
        }
        catch (Exception exception) when (ProblemMapping.ToProblem(exception) is { } problem)
        {
            // An expected refusal (an account that exists already, say): the message, not a stack trace.
            var message = exception is FluentValidation.ValidationException invalid
                ? string.Join("; ", invalid.Errors.Select(error => error.ErrorMessage))
                : problem.Detail;
            await Console.Error.WriteLineAsync($"{verb}: {message}");
            return 1;
        }
    }

    // EF Core and the mediator may wrap the driver's exception; the innermost one says what went wrong.
    private static Exception? ServerFailureIn(Exception exception)
    {
        Exception? found = null;
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.NpgsqlException or StackExchange.Redis.RedisException)
            {
                found = current;
            }
        }

        return found;
    }

    private static async Task<int> RunVerbAsync(WebApplication app, string verb, IReadOnlyList<string> arguments)
    {
        switch (verb)
        {
            case "migrate":
                await MigrateAsync(app.Services);
                await Console.Out.WriteLineAsync("Migrations applied.");
                return 0;
            case "create-admin":
                return await AdminAccounts.CreateAsync(app.Services, arguments, Console.Out);
            case "seed":
                await DemoData.SeedAsync(app.Services, Console.Out);
                return 0;
            case "relay":
                return await RelayAsync(app.Services);
            default:
                await Console.Error.WriteLineAsync($"Unknown verb '{verb}'. Known verbs: migrate, seed, create-admin, relay.");
                return 2;
        }
    }

    // Delivers webhooks until SIGTERM or Ctrl+C; an outage does not end it (the relay polls on).
    private static async Task<int> RelayAsync(IServiceProvider services)
    {
        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await Console.Out.WriteLineAsync("Relaying webhook deliveries; stop with SIGTERM or Ctrl+C.");
        try
        {
            await services.RunOutboxRelayAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped as asked; a delivery in flight is sent again when its lease runs out.
        }

        await Console.Out.WriteLineAsync("Relay stopped.");
        return 0;
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        await context.Database.MigrateAsync();
    }
}
