using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Shop.Application.Common.Ports;

namespace Shop.WebApi.Common;

/// <summary>A request body whose content decides whether a retry with the same Idempotency-Key is the same request.</summary>
internal interface IIdempotentRequest;

/// <summary>
/// `Idempotency-Key` on a POST: the first successful response (per user and path) is stored for 24 h and
/// replayed for a retry with the same body; another body is 422; a retry while the first still runs is 409.
/// A failed request stores nothing, so it may be retried.
/// </summary>
internal sealed class Idempotency : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    private readonly IIdempotencyStore _store;
    private readonly JsonSerializerOptions _json;

    public Idempotency(IIdempotencyStore store, IOptions<JsonOptions> json)
    {
        _store = store;
        _json = json.Value.SerializerOptions;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context).ConfigureAwait(false);
        }

        var keyText = values.ToString();
        if (keyText.Length is 0 or > MaxKeyLength || values.Count != 1)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid Idempotency-Key",
                detail: $"The {Header} header must be one value of 1 to {MaxKeyLength} characters.");
        }

        var key = new IdempotencyKey(http.User.UserId(), http.Request.Path.ToString(), keyText);
        var requestHash = HashOf(context.Arguments.OfType<IIdempotentRequest>());
        var claim = await _store.ClaimAsync(key, requestHash, http.RequestAborted).ConfigureAwait(false);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.Replay:
                return Replay(http, claim.Response!);
            case IdempotencyClaimOutcome.Mismatch:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused",
                    detail: $"This {Header} was already used with a different request body.");
            case IdempotencyClaimOutcome.InProgress:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Request in progress",
                    detail: $"A request with this {Header} is still being processed; retry later.");
        }

        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch
        {
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success and IValueHttpResult valued)
        {
            var location = result.GetType().GetProperty("Location")?.GetValue(result) as string;
            var body = JsonSerializer.Serialize(valued.Value, _json);
            await _store.CompleteAsync(key, requestHash, new StoredResponse(success.StatusCode.Value, body, location), CancellationToken.None)
                .ConfigureAwait(false);
        }
        else
        {
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

    private string HashOf(IEnumerable<IIdempotentRequest> bodies)
    {
        var json = JsonSerializer.Serialize(bodies.Cast<object>().ToArray(), _json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private static ContentHttpResult Replay(HttpContext http, StoredResponse response)
    {
        http.Response.Headers[ReplayedHeader] = "true";
        if (response.Location is not null)
        {
            http.Response.Headers.Location = response.Location;
        }

        return TypedResults.Content(response.Body, "application/json; charset=utf-8", Encoding.UTF8, response.StatusCode);
    }
}
