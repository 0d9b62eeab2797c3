using Microsoft.OpenApi;
using Shop.WebApi.Http.Authentication;

namespace Shop.WebApi.OpenApi;

internal static class OpenApiSetup
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Users"] = "Registering, the signed-in user's profile and password.",
        ["Sessions"] = "Logging in and out: bearer tokens kept by the server, valid for 24 hours.",
        ["Products"] = "The catalog: anyone may read it, administrators manage it.",
        ["Orders"] = "A customer's orders: placing, adding units, paying and cancelling.",
        ["Webhooks"] = "Administrators subscribe URLs to the shop's events, delivered as Standard Webhooks.",
    };

    public static IServiceCollection AddShopOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Shop API",
                    Version = "v1",
                    Description = "Users, sessions, catalog, orders and webhooks. Errors are application/problem+json (RFC 9457) whose "
                        + "`type` names the cause: /problems/{code}, listed at /problems/.",
                    Contact = new OpenApiContact { Name = "Shop maintainers" },
                };
                // The framework names the server from the request's scheme and Host: the document would differ by caller
                // (and name http behind a TLS proxy). "/" is the host that serves the document, whoever asks, so one
                // document serves every caller (it is built once, DocumentOutputCache).
                document.Servers = [new OpenApiServer { Url = "/", Description = "The host serving this document" }];
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The opaque token returned by POST /api/sessions.",
                };
                ProblemSchemas.Describe(document);
                SchemaExamples.Add(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(SchemaConventions.TransformAsync);
            options.AddOperationTransformer(OperationConventions.TransformAsync);
        });
}
