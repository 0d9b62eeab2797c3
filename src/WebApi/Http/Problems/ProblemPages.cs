using System.Net;
using System.Text;

namespace Shop.WebApi.Http.Problems;

/// <summary>
/// The pages a problem's <c>type</c> links to: <c>/problems/{code}</c> describes one cause, <c>/problems</c> lists them
/// all. Built once from <see cref="ProblemTypes"/>, so a page never disagrees with the answers.
/// </summary>
internal static class ProblemPages
{
    private static readonly Dictionary<string, string> Pages =
        ProblemTypes.All.ToDictionary(type => type.Code, type => Page(type.Title, Describe(type)), StringComparer.Ordinal);

    private static readonly string Index = Page("Problem types", "<ul>" + string.Concat(ProblemTypes.All.Select(type =>
        $"<li><a href=\"{Encode(type.Uri)}\">{Encode(type.Code)}</a>: {type.Status} {Encode(type.Title)}</li>")) + "</ul>");

    public static IEndpointRouteBuilder MapProblemPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(ProblemType.PathPrefix.TrimEnd('/')).ExcludeFromDescription();
        pages.MapGet("/", () => Html(Index));
        pages.MapGet("/{code}", (string code) => Pages.TryGetValue(code, out var page) ? Html(page) : Results.NotFound());
        return app;
    }

    private static IResult Html(string page) => Results.Content(page, "text/html; charset=utf-8");

    private static string Describe(ProblemType type) =>
        $"<p><code>type</code>: <code>{Encode(type.Uri)}</code>, status {type.Status}.</p><p>{Encode(type.Description)}</p>"
        + $"<p><a href=\"{Encode(ProblemType.PathPrefix)}\">All problem types</a></p>";

    private static string Page(string title, string body) =>
        new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title)).Append("</title></head><body><h1>").Append(Encode(title)).Append("</h1>")
            .Append(body)
            .Append("</body></html>").ToString();

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
