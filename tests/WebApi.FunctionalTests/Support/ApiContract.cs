using System.Globalization;
using System.Text.RegularExpressions;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>One row of a route table of docs/api.md.</summary>
/// <param name="Path">The path as OpenAPI writes it, without the query (<c>/api/products/{id}</c>).</param>
/// <param name="Method">Lower-case, as OpenAPI writes it (<c>post</c>).</param>
/// <param name="Anonymous">The auth column says <c>none</c>; every other route needs a bearer token.</param>
/// <param name="Statuses">The success status, then every error status of the row.</param>
internal sealed record ContractRoute(string Path, string Method, bool Anonymous, IReadOnlyList<int> Statuses);

/// <summary>
/// The HTTP contract of record, docs/api.md, read by the tests instead of copied into them, so the two cannot drift.
/// Its route tables are the ones headed <c>| route | auth | body | success | errors |</c>, whatever section they are in;
/// a row that does not read as such fails loudly rather than being skipped.
/// </summary>
internal static partial class ApiContract
{
    private static readonly Lazy<string> Location = new(() => Path.Combine(Repository.Root, "docs", "api.md"));
    private static readonly Lazy<string> Text = new(() => File.Exists(FilePath)
        ? File.ReadAllText(FilePath)
        : throw new FileNotFoundException("The HTTP contract of record, docs/api.md, is missing.", FilePath));

    /// <summary>docs/api.md of the repository this test assembly was built from (found by walking up to Shop.sln).</summary>
    public static string FilePath => Location.Value;

    /// <summary>Every route of the contract's route tables, in the order they are listed.</summary>
    public static IReadOnlyList<ContractRoute> Routes => ParseRoutes(Text.Value);

    /// <summary>The routes the contract requires to support Idempotency-Key ("Required support: `POST …` and `POST …`.").</summary>
    public static IReadOnlyList<(string Path, string Method)> IdempotentRoutes => ParseIdempotentRoutes(Text.Value);

    public static IReadOnlyList<ContractRoute> ParseRoutes(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var routes = new List<ContractRoute>();
        for (var i = 0; i < lines.Length; i++)
        {
            var header = Cells(lines[i]);
            if (!IsRouteTableHeader(header))
            {
                continue;
            }

            var column = header.Select((name, index) => (name, index)).ToDictionary(c => c.name.ToLowerInvariant(), c => c.index);
            // Past the |---| line, every row up to the first line that is not a table row.
            for (i += 2; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
            {
                routes.Add(ParseRow(Cells(lines[i]), column, i + 1));
            }
        }

        if (routes.Count == 0)
        {
            throw new InvalidDataException($"{FilePath} has no route table (a table headed | route | auth | body | success | errors |).");
        }

        var twice = routes.GroupBy(route => (route.Path, route.Method)).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        return twice.Count == 0
            ? routes
            : throw new InvalidDataException($"{FilePath} lists {string.Join(", ", twice)} more than once.");
    }

    public static IReadOnlyList<(string Path, string Method)> ParseIdempotentRoutes(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        const string Marker = "Required support:";
        var start = markdown.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException($"{FilePath} no longer says which routes need Idempotency-Key (\"{Marker} `POST …`\").");
        }

        // The sentence runs to the first full stop outside a code span.
        var sentence = SentenceAfter(markdown, start + Marker.Length);
        var routes = CodeRoute().Matches(sentence).Select(match => (match.Groups["path"].Value, match.Groups["method"].Value.ToLowerInvariant())).ToList();
        return routes.Count > 0
            ? routes
            : throw new InvalidDataException($"{FilePath}: no `METHOD /path` after \"{Marker}\".");
    }

    private static bool IsRouteTableHeader(List<string> cells) =>
        cells.Select(cell => cell.ToLowerInvariant()).Order(StringComparer.Ordinal)
            .SequenceEqual(["auth", "body", "errors", "route", "success"]);

    private static ContractRoute ParseRow(List<string> cells, Dictionary<string, int> column, int lineNumber)
    {
        string Cell(string name) => column[name] < cells.Count
            ? cells[column[name]]
            : throw Unreadable(lineNumber, $"it has no '{name}' cell");

        var route = RouteCell().Match(Cell("route"));
        if (!route.Success)
        {
            throw Unreadable(lineNumber, $"the route cell '{Cell("route")}' is not `METHOD /path`");
        }

        var auth = Cell("auth");
        if (auth is not ("none" or "bearer" or "admin"))
        {
            throw Unreadable(lineNumber, $"the auth cell '{auth}' is not none, bearer or admin");
        }

        var success = LeadingStatus().Match(Cell("success"));
        if (!success.Success)
        {
            throw Unreadable(lineNumber, $"the success cell '{Cell("success")}' does not start with a status code");
        }

        var errors = new List<int>();
        foreach (var segment in Cell("errors").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var error = LeadingStatus().Match(segment);
            errors.Add(error.Success
                ? Status(error)
                : throw Unreadable(lineNumber, $"the error '{segment}' does not start with a status code"));
        }

        return new ContractRoute(
            route.Groups["path"].Value, route.Groups["method"].Value.ToLowerInvariant(), auth == "none", [Status(success), .. errors]);
    }

    private static int Status(Match match) => int.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture);

    private static InvalidDataException Unreadable(int lineNumber, string why) =>
        new($"{FilePath}, line {lineNumber}: a route table row the tests cannot read: {why}. Keep the route tables' format.");

    /// <summary>The cells of a markdown table row (a '|' inside a code span does not split); none for another line.</summary>
    private static List<string> Cells(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('|'))
        {
            return [];
        }

        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var inCode = false;
        foreach (var character in trimmed[1..])
        {
            if (character == '`')
            {
                inCode = !inCode;
            }

            if (character == '|' && !inCode)
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(character);
            }
        }

        return cells;
    }

    private static string SentenceAfter(string text, int start)
    {
        var inCode = false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '`')
            {
                inCode = !inCode;
            }
            else if (text[i] == '.' && !inCode)
            {
                return text[start..i];
            }
        }

        return text[start..];
    }

    /// <summary><c>`POST /api/orders`</c> or <c>`GET /api/products?search=&amp;page=`</c>: the method and the path without its query.</summary>
    [GeneratedRegex(@"^`(?<method>GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (?<path>/[^\s?`]*)(\?[^`]*)?`$")]
    private static partial Regex RouteCell();

    [GeneratedRegex(@"`(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/[^\s?`]*)`")]
    private static partial Regex CodeRoute();

    [GeneratedRegex(@"^(?<status>[1-5]\d\d)\b")]
    private static partial Regex LeadingStatus();
}
