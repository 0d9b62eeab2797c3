using Microsoft.OpenApi;
using Shop.WebApi.Http.Authentication;

namespace Shop.WebApi.OpenApi;

internal static class OpenApiSetup
{
    public static IServiceCollection AddShopOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Shop API",
                    Version = "v1",
                    Description = "Users, sessions, catalog and orders. Errors are application/problem+json (RFC 9457).",
                };
                // The framework names the server from the request's scheme and Host: the document would differ by caller
                // (and name http behind a TLS proxy). With none named, a client resolves the paths against the document's
                // own address, and one document serves every caller (it is built once, DocumentOutputCache).
                document.Servers = null;
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The opaque token returned by POST /api/sessions.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(SchemaConventions.TransformAsync);
            options.AddOperationTransformer(OperationConventions.TransformAsync);
        });
}
