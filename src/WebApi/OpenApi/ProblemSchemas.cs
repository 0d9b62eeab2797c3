using Microsoft.OpenApi;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.OpenApi;

/// <summary>
/// The problem schemas as the API writes them: every member always present, <c>traceId</c> included, and the validation
/// problem an extension of the problem (allOf), so a generated client has one problem type and a subtype with typed errors.
/// </summary>
internal static class ProblemSchemas
{
    public const string Problem = "ProblemDetails";
    public const string ValidationProblem = "HttpValidationProblemDetails";

    public static void Describe(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        schemas[Problem] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details; `type` names the cause.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text($"The cause: {ProblemType.PathPrefix}{{code}}, a page relative to the API; the codes are listed at {ProblemType.PathPrefix}."),
                ["title"] = Text("The cause's title, the same for every instance of it."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
                ["detail"] = Text("What happened this time, for a person; never parse it."),
                ["instance"] = Text("The request's path."),
                ["traceId"] = Text("The request's W3C trace id: the logs and traces of the request carry it."),
            },
            Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "detail", "instance", "traceId" },
        };
        schemas[ValidationProblem] = new OpenApiSchema
        {
            Description = "A 400 naming each invalid field (at most 20, with at most 5 messages each).",
            AllOf =
            [
                new OpenApiSchemaReference(Problem, document),
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["errors"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Description = "Each invalid field (camelCase, `items[0].quantity` for a nested one) and its messages.",
                            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                        },
                        ["omittedFields"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Integer,
                            Format = "int32",
                            Description = "Present when more than 20 fields were invalid: how many were left out.",
                        },
                    },
                    Required = new HashSet<string>(StringComparer.Ordinal) { "errors" },
                },
            ],
        };
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
