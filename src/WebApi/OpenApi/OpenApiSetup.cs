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
