using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.Http.Idempotency;

/// <summary>A request body whose content decides whether a retry with the same Idempotency-Key is the same request.</summary>
internal interface IIdempotentRequest;

/// <summary>
/// The endpoint filter for `Idempotency-Key` on a POST: the first response (per user and route) is stored for 24 h and
/// replayed for a retry with the same body; another body is 422; a retry while the first still runs is 409. An
/// unexpected server error (500) or an outage (503) stores nothing, so such a request may be retried; nor does a refusal
/// whose body is over <see cref="MaxStoredRefusalBytes"/>. Redis answers replays fast; the command's change itself is
/// guarded in PostgreSQL (<see cref="IdempotentRequest"/>): its first outcome commits with it, so a retry after a lost
/// COMMIT answer (a 503 here) replays that outcome instead of running the command again.
/// </summary>
internal sealed partial class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    /// <summary>A refusal (4xx) with a larger body is not stored: its key is released, so a retry runs again.</summary>
    internal const int MaxStoredRefusalBytes = 16 * 1024;

    private readonly IIdempotencyStore _store;
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<IdempotencyFilter> _logger;
    private readonly JsonSerializerOptions _json;

    public IdempotencyFilter(IIdempotencyStore store, IProblemDetailsService problems, IOptions<JsonOptions> json, ILogger<IdempotencyFilter> logger)
    {
        _store = store;
        _problems = problems;
        _logger = logger;
        // The API writes money rounded to cents; the hash must tell 12.504 from 12.50 (but not 12.5 from 12.50).
        _json = new JsonSerializerOptions(json.Value.SerializerOptions);
        _json.Converters.Insert(0, new ExactDecimal());
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context);
        }

        var keyText = values.ToString();
        if (keyText.Length is 0 or > MaxKeyLength || values.Count != 1)
        {
            return Problem(ProblemTypes.InvalidIdempotencyKey, $"The {Header} header must be one value of 1 to {MaxKeyLength} characters.");
        }

        var key = new IdempotencyKey(http.User.UserId(), RouteOf(http.Request), keyText);
        var requestHash = HashOf(context.Arguments.OfType<IIdempotentRequest>());
        var claim = await _store.ClaimAsync(key, requestHash, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.Replay:
                http.Response.Headers[ReplayedHeader] = "true";
                return Reply(http, claim.Response!);
            case IdempotencyClaimOutcome.Mismatch:
                return Problem(ProblemTypes.IdempotencyKeyReused, $"This {Header} was already used with a different request body.");
            case IdempotencyClaimOutcome.InProgress:
                return Problem(ProblemTypes.IdempotencyKeyInFlight, $"A request with this {Header} is still being processed; retry later.");
        }

        var request = http.RequestServices.GetRequiredService<IdempotentRequest>();
        request.Use(key, requestHash);
        StoredResponse response;
        try
        {
            response = await ExecuteAsync(context, next);
        }
        catch
        {
            await _store.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        if (request.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        if (response.StatusCode >= StatusCodes.Status400BadRequest && Encoding.UTF8.GetByteCount(response.Body) > MaxStoredRefusalBytes)
        {
            // A refusal changed nothing, so running it again is harmless; storing a large one for a day is not.
            try
            {
                await _store.ReleaseAsync(key, CancellationToken.None);
            }
            catch (ServiceUnavailableException)
            {
                // The claim then expires on its own after a few minutes; the outage is already in the outage log.
            }

            return Reply(http, response);
        }

        try
        {
            await _store.CompleteAsync(key, requestHash, response, CancellationToken.None);
        }
        catch (ServiceUnavailableException)
        {
            // The request has been carried out; failing it now would invite a retry that runs it again.
            // The outage itself is already in the outage log.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStoreFailed(exception);
        }

        return Reply(http, response);
    }

    /// <summary>Runs the endpoint and captures its response, expected failures included, as the client will see it.</summary>
    private async Task<StoredResponse> ExecuteAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            var result = await next(context);
            var executable = result as IResult
                ?? throw new InvalidOperationException($"Idempotent endpoints must return an IResult, not {result?.GetType().Name}.");
            return await CaptureAsync(http, executable.ExecuteAsync);
        }
        // An outage (503) is not this request's answer: nothing is stored, so the same key may be retried. Nor is a refusal
        // of the key by its database record (reused, or committed meanwhile by a concurrent run): a retry asks the record again.
        catch (Exception exception) when (ProblemMapping.ToProblem(exception, http) is { Status: not StatusCodes.Status503ServiceUnavailable } problem
            && problem.Type != ProblemTypes.IdempotencyKeyReused.Uri && problem.Type != ProblemTypes.IdempotencyKeyInFlight.Uri)
        {
            return await CaptureAsync(http, target =>
            {
                target.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
                return _problems.WriteAsync(new ProblemDetailsContext { HttpContext = target, ProblemDetails = problem }).AsTask();
            });
        }
    }

    // Writes the response into a buffer instead of the network, so it can be stored and then sent (and later replayed) alike.
    private static async Task<StoredResponse> CaptureAsync(HttpContext http, Func<HttpContext, Task> write)
    {
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await write(http);
        }
        finally
        {
            http.Response.Body = body;
        }

        var location = http.Response.Headers.Location.ToString();
        return new StoredResponse(
            http.Response.StatusCode,
            Encoding.UTF8.GetString(buffer.ToArray()),
            location.Length == 0 ? null : location,
            http.Response.ContentType ?? "application/json; charset=utf-8");
    }

    private string HashOf(IEnumerable<IIdempotentRequest> bodies)
    {
        var json = JsonSerializer.Serialize(bodies.Cast<object>().ToArray(), _json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    // Routing ignores case and a trailing slash; so must the key's scope. Ids are GUIDs, also case-insensitive.
    private static ProblemHttpResult Problem(ProblemType type, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: type.Status, title: type.Title, type: type.Uri);

    private static string RouteOf(HttpRequest request) =>
        $"{request.Method} {request.Path.Value?.TrimEnd('/').ToLowerInvariant()}";

    private static ContentHttpResult Reply(HttpContext http, StoredResponse response)
    {
        if (response.Location is not null)
        {
            http.Response.Headers.Location = response.Location;
        }

        return TypedResults.Content(response.Body, response.ContentType, Encoding.UTF8, response.StatusCode);
    }

    private sealed class ExactDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Only used to hash request bodies.");

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("G29", CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the idempotent response; a retry after the claim expires will run again")]
    private partial void LogStoreFailed(Exception exception);
}
