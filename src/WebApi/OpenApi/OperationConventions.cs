using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.OpenApi;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.ConcurrencyLimiting;
using Shop.WebApi.Http.Idempotency;

namespace Shop.WebApi.OpenApi;

/// <summary>Endpoint metadata: the endpoint takes an optional `Idempotency-Key` header (see <see cref="IdempotencyFilter"/>).</summary>
internal sealed class AcceptsIdempotencyKey;

/// <summary>Endpoint metadata: besides the per-IP limit, the endpoint answers 429 for <paramref name="Reason"/>.</summary>
internal sealed record AlsoThrottled(string Reason);

/// <summary>What every operation shares: bearer security when it requires authorization, Idempotency-Key, rate limiting, output caching.</summary>
internal static class OperationConventions
{
    private const string ProblemJson = "application/problem+json";

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerAuthentication.SchemeName, context.Document)] = [],
            });
        }
        else
        {
            // Says "anonymous" explicitly rather than by omission.
            operation.Security = [];
        }

        if (metadata.OfType<AcceptsIdempotencyKey>().Any())
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

        // Every route in the document is rate limited (only the health probes are exempt), and every
        // one needs PostgreSQL or Redis, so any of them may answer 503 during an outage.
        operation.Responses ??= [];
        var throttled = metadata.OfType<AlsoThrottled>().Select(also => "; or " + also.Reason);
        operation.Responses["429"] = RetryLaterProblem(
            "Too Many Requests: over the per-IP limit of requests per minute" + string.Concat(throttled) + ".", context);
        var queueFull = WriteConcurrencyLimiter.IsLimited(metadata)
            ? $"; or the concurrency limiter's queue of changes on this instance is full ({WriteConcurrencyLimiter.QueueLimitKey})"
            : PasswordHashingLimiter.IsLimited(metadata)
                ? $"; or the queue of password hashes (logins, registrations) on this instance is full ({PasswordHashingLimiter.QueueLimitKey})"
                : string.Empty;
        operation.Responses["503"] = RetryLaterProblem(
            $"Service Unavailable: PostgreSQL or Redis (sessions, idempotency records) cannot be reached right now{queueFull}.", context);
        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["X-RateLimit-Limit"] = IntegerHeader("Requests allowed per client IP per one-minute window.");
            response.Headers["X-RateLimit-Remaining"] = IntegerHeader("Requests left in the current window.");
        }

        if (metadata.OfType<IOutputCachePolicy>().Any() && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse cached)
        {
            cached.Headers!["Age"] = IntegerHeader(
                "Present when the response came from the instance's output cache (seconds since it was built): anonymous reads only, "
                + "evicted on every instance when the product changes.");
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse RetryLaterProblem(string description, OpenApiOperationTransformerContext context) => new()
    {
        Description = description,
        Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = IntegerHeader("Seconds to wait before retrying.") },
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.Document) },
        },
    };

    private static OpenApiHeader IntegerHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
    };
}
