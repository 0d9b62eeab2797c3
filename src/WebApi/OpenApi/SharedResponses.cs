using Microsoft.OpenApi;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.OpenApi;

/// <summary>The problem responses and headers every operation shares, kept once under components and referenced.</summary>
internal static class SharedResponses
{
    public const string TooManyRequests = "TooManyRequests";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string PayloadTooLarge = "PayloadTooLarge";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string UnexpectedError = "UnexpectedError";
    private const string ProblemJson = "application/problem+json";
    private const string RateLimitLimit = "X-RateLimit-Limit";
    private const string RateLimitRemaining = "X-RateLimit-Remaining";
    private const string RetryAfter = "Retry-After";

    /// <summary>A reference to the shared response <paramref name="id"/>, with this operation's own description if given.</summary>
    public static IOpenApiResponse Reference(string id, OpenApiDocument document, string? description = null)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        if (!document.Components.Responses.ContainsKey(id))
        {
            document.Components.Responses[id] = Create(id, document);
        }

        var reference = new OpenApiResponseReference(id, document);
        if (description is not null)
        {
            reference.Description = description;
        }

        return reference;
    }

    /// <summary>An operation's own problem response of a status (its causes are added to its description).</summary>
    public static OpenApiResponse Problem(string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = ProblemContent(document),
    };

    public static void AddRateLimitHeaders(OpenApiResponse response, OpenApiDocument document)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[RateLimitLimit] = HeaderReference(RateLimitLimit, "Requests allowed per client IP per one-minute window.", document);
        response.Headers[RateLimitRemaining] = HeaderReference(RateLimitRemaining, "Requests left in the current window.", document);
    }

    public static OpenApiHeader IntegerHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
    };

    public static OpenApiHeader TextHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiResponse Create(string id, OpenApiDocument document)
    {
        var (description, type) = id switch
        {
            TooManyRequests => ("Too Many Requests.", ProblemTypes.RateLimited),
            ServiceUnavailable => ("Service Unavailable.", ProblemTypes.DependencyUnavailable),
            MethodNotAllowed => ("Method Not Allowed: the path does not take this method.", ProblemTypes.MethodNotAllowed),
            PayloadTooLarge => ("Payload Too Large: the body is over 1 MiB. Kestrel answers before reading the body, so a client "
                + "that is still sending may see the connection close instead of this answer.", ProblemTypes.PayloadTooLarge),
            UnsupportedMediaType => ("Unsupported Media Type: the body is not `application/json`.", ProblemTypes.UnsupportedMediaType),
            _ => ("Any other problem, such as an unexpected error (500).", ProblemTypes.UnexpectedError),
        };
        var response = new OpenApiResponse
        {
            Description = $"{description} Cause (`type`): `{type.Uri}` ({type.Title}).",
            Content = ProblemContent(document),
            Headers = new Dictionary<string, IOpenApiHeader>(),
        };
        AddRateLimitHeaders(response, document);
        if (id is TooManyRequests or ServiceUnavailable)
        {
            response.Headers[RetryAfter] = HeaderReference(RetryAfter, "Seconds to wait before retrying.", document);
        }

        if (id is MethodNotAllowed)
        {
            response.Headers["Allow"] = TextHeader("The methods the path takes.");
        }

        return response;
    }

    private static Dictionary<string, OpenApiMediaType> ProblemContent(OpenApiDocument document) => new()
    {
        [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchemas.Problem, document) },
    };

    private static OpenApiHeaderReference HeaderReference(string name, string description, OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (!document.Components.Headers.ContainsKey(name))
        {
            document.Components.Headers[name] = IntegerHeader(description);
        }

        return new OpenApiHeaderReference(name, document);
    }
}
