namespace Shop.WebApi.Http.CacheControl;

/// <summary>Answers that carry a token or personal data say <c>Cache-Control: no-store</c>, so no cache on the way keeps them.</summary>
internal static class NoStore
{
    public static TBuilder WithNoStore<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
}
