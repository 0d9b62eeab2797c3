using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.ConcurrencyLimiting;
using Shop.WebApi.Http.Idempotency;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.OpenApi;

/// <summary>Endpoint metadata: the endpoint takes an optional `Idempotency-Key` header (see <see cref="IdempotencyFilter"/>).</summary>
internal sealed class AcceptsIdempotencyKey;

/// <summary>Endpoint metadata: besides the per-IP limit, the endpoint answers 429 for <paramref name="Reason"/>.</summary>
internal sealed record AlsoThrottled(string Reason);

/// <summary>
/// What every operation shares: bearer security (or an explicit none), Idempotency-Key, the rate-limit headers, the
/// shared problem responses, and under each problem response the causes (problem types) it may carry.
/// </summary>
internal static class OperationConventions
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var idempotent = metadata.OfType<AcceptsIdempotencyKey>().Any();
        operation.Security = secured
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerAuthentication.SchemeName, document)] = [] }]
            // Says "anonymous" explicitly rather than by omission.
            : [];

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            SchemaConstraints.ApplyToParameter(parameter);
        }

        if (idempotent)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyFilter.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retry safe: the first response for a key (per user and route) is replayed for 24 h; "
                    + "the same key with another body is 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
            });
        }

        operation.Responses ??= [];
        var causes = CausesOf(metadata, operation, secured, idempotent);
        foreach (var status in causes.Keys.Where(status => !operation.Responses.ContainsKey(Key(status))))
        {
            operation.Responses[Key(status)] = SharedResponses.Problem(ReasonPhrases.GetReasonPhrase(status), document);
        }

        var throttled = string.Concat(metadata.OfType<AlsoThrottled>().Select(also => "; or " + also.Reason));
        operation.Responses["429"] = SharedResponses.Reference(SharedResponses.TooManyRequests, document,
            "Too Many Requests: over the per-IP limit of requests per minute" + throttled + ".");
        var queueFull = WriteConcurrencyLimiter.IsLimited(metadata)
            ? $"; or the concurrency limiter's queue of changes on this instance is full ({WriteConcurrencyLimiter.QueueLimitKey})"
            : PasswordHashingLimiter.IsLimited(metadata)
                ? $"; or the queue of password hashes (logins, registrations) on this instance is full ({PasswordHashingLimiter.QueueLimitKey})"
                : string.Empty;
        operation.Responses["503"] = SharedResponses.Reference(SharedResponses.ServiceUnavailable, document,
            $"Service Unavailable: PostgreSQL or Redis (sessions, idempotency records) cannot be reached right now{queueFull}.");
        operation.Responses["405"] = SharedResponses.Reference(SharedResponses.MethodNotAllowed, document);
        if (operation.RequestBody is not null)
        {
            operation.Responses["413"] = SharedResponses.Reference(SharedResponses.PayloadTooLarge, document);
            operation.Responses["415"] = SharedResponses.Reference(SharedResponses.UnsupportedMediaType, document);
        }

        operation.Responses["default"] = SharedResponses.Reference(SharedResponses.UnexpectedError, document);
        foreach (var (key, response) in operation.Responses)
        {
            if (int.TryParse(key, out var status) && causes.TryGetValue(status, out var list))
            {
                response.Description = $"{response.Description?.TrimEnd('.')}. Causes (`type`): {string.Join("; ", list.Select(type => $"`{type.Uri}` ({type.Title})"))}.";
            }

            if (response is OpenApiResponse inline)
            {
                AddHeaders(inline, key, metadata, idempotent, document);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Every cause an operation may refuse with, by status: its own (<see cref="Refusals"/>) and those all routes share.</summary>
    private static Dictionary<int, List<ProblemType>> CausesOf(IList<object> metadata, OpenApiOperation operation, bool secured, bool idempotent)
    {
        List<ProblemType> all = [.. metadata.OfType<Refusals>().SelectMany(refusals => refusals.Causes)];
        if (operation.Responses!.ContainsKey("400") || operation.RequestBody is not null)
        {
            all.Add(ProblemTypes.ValidationFailed);
        }

        if (operation.RequestBody is not null)
        {
            all.Add(ProblemTypes.MalformedRequest);
        }

        if (secured)
        {
            all.Add(ProblemTypes.AuthenticationRequired);
        }

        if (operation.Responses.ContainsKey("403"))
        {
            all.Add(ProblemTypes.Forbidden);
        }

        if (idempotent)
        {
            all.AddRange([ProblemTypes.InvalidIdempotencyKey, ProblemTypes.IdempotencyKeyInFlight, ProblemTypes.IdempotencyKeyReused]);
        }

        all.AddRange([ProblemTypes.RateLimited, ProblemTypes.DependencyUnavailable, ProblemTypes.DatabaseUnavailable]);
        if (WriteConcurrencyLimiter.IsLimited(metadata))
        {
            all.Add(ProblemTypes.WritesQueueFull);
        }

        if (PasswordHashingLimiter.IsLimited(metadata))
        {
            all.Add(ProblemTypes.PasswordHashingQueueFull);
        }

        return all.Distinct().GroupBy(type => type.Status).ToDictionary(group => group.Key, group => group.ToList());
    }

    private static void AddHeaders(OpenApiResponse response, string key, IList<object> metadata, bool idempotent, OpenApiDocument document)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        SharedResponses.AddRateLimitHeaders(response, document);
        switch (key)
        {
            case "201":
                response.Headers["Location"] = SharedResponses.TextHeader("The created resource's path.");
                break;
            case "401":
                response.Headers["WWW-Authenticate"] = SharedResponses.TextHeader("`Bearer`: the scheme the route takes.");
                break;
        }

        if (idempotent && key.StartsWith('2'))
        {
            response.Headers[IdempotencyFilter.ReplayedHeader] = SharedResponses.TextHeader(
                "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.");
        }

        if (key == "200" && metadata.OfType<IOutputCachePolicy>().Any())
        {
            response.Headers["Age"] = SharedResponses.IntegerHeader(
                "Present when the response came from the instance's output cache (seconds since it was built): anonymous reads only, "
                + "evicted on every instance when the product changes.");
        }
    }

    private static string Key(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
