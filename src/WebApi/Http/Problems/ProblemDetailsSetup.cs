using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.WebApi.Http.Problems;

internal static class ProblemDetailsSetup
{
    /// <summary>Every problem carries type, title, status, detail, instance and traceId.</summary>
    public static IServiceCollection AddShopProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<ProblemMapping>();
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            problem.Type ??= TypeFor(status);
            problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
            problem.Detail ??= DefaultDetail(status, context.HttpContext);
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            if (status == StatusCodes.Status500InternalServerError)
            {
                problem.Detail = "An unexpected error occurred.";
            }
        });
    }

    // ASP.NET Core fills in the RFC 9110 section for the common statuses; these are the others the API answers.
    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "about:blank",
    };

    private static string DefaultDetail(int status, HttpContext context) => status switch
    {
        StatusCodes.Status404NotFound when context.GetEndpoint() is null => $"No route matches {context.Request.Method} {context.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
        StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
