using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.WebApi.Http.Problems;

internal static class ProblemDetailsSetup
{
    private const string FrameworkTypePrefix = "https://tools.ietf.org/";

    /// <summary>Every problem carries type, title, status, detail, instance and traceId.</summary>
    public static IServiceCollection AddShopProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<ProblemMapping>();
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            // A problem the framework wrote by itself (no route, 405, 500, ...) carries the generic RFC link: name its cause.
            if (problem.Type is null || problem.Type.StartsWith(FrameworkTypePrefix, StringComparison.Ordinal))
            {
                var type = ProblemTypes.ForStatus(status);
                problem.Type = type.Uri;
                problem.Title = type.Title;
            }

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

    private static string DefaultDetail(int status, HttpContext context) => status switch
    {
        StatusCodes.Status404NotFound when context.GetEndpoint() is null => $"No route matches {context.Request.Method} {context.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
        StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
