using System.Text.RegularExpressions;
using Shop.TestSupport;

namespace Shop.ArchitectureTests;

/// <summary>The README and docs/ name repository files that exist, so a move or a rename cannot leave them stale.</summary>
public sealed partial class DocumentationPathTests
{
    private static readonly string[] RepositoryFolders = ["src", "tests", "scripts", "tools", "benchmarks", "templates"];

    [Fact]
    public void Every_path_the_docs_name_exists()
    {
        var root = Repository.Root;
        var stale = Documents(root)
            .SelectMany(document => NamedPaths(File.ReadAllText(document))
                .Where(path => !Candidates(path).Any(candidate => Path.Exists(Path.Combine(root, candidate))))
                .Select(path => $"{Path.GetRelativePath(root, document)}: {path}"))
            .ToList();

        Assert.True(stale.Count == 0, "These paths are named in the docs but do not exist:\n" + string.Join('\n', stale));
    }

    [Fact]
    public void Every_path_the_docs_name_exists_fails_on_a_moved_file() =>
        Assert.Equal(
            ["src/WebApi/Http/Admission/WriteAdmission.cs"],
            NamedPaths("See `src/WebApi/Http/Admission/WriteAdmission.cs` and `Infrastructure/Caching`.")
                .Where(path => !Candidates(path).Any(candidate => Path.Exists(Path.Combine(Repository.Root, candidate)))));

    private static IEnumerable<string> Documents(string root) =>
        [Path.Combine(root, "README.md"), Path.Combine(root, "benchmarks", "README.md"),
            .. Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)];

    // A backticked path below a repository folder, or below src/ without it (`Infrastructure/Caching`); placeholders
    // (`<Module>`, `{id}`, `*`, a one-letter folder such as `Y`) and build output (`bin/`, `obj/`) are left alone.
    private static IEnumerable<string> NamedPaths(string text) =>
        PathPattern().Matches(text)
            .Select(match => match.Groups["path"].Value.TrimEnd('/', '.', ',').Split(':')[0])
            .Where(path => path.IndexOfAny(['<', '{', '*', '…']) < 0 && !path.Contains("...", StringComparison.Ordinal)
                && !OneLetterFolder().IsMatch(path) && !BuildOutput().IsMatch(path))
            .Distinct();

    private static IEnumerable<string> Candidates(string path) =>
        RepositoryFolders.Contains(path.Split('/')[0]) ? [path] : [Path.Combine("src", path)];

    [GeneratedRegex(@"`(?<path>(?:src|tests|scripts|tools|benchmarks|templates|WebApi|Infrastructure|Application|Domain)/[^`\s]*)`")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"/[A-Z](/|$)")]
    private static partial Regex OneLetterFolder();

    [GeneratedRegex(@"/(bin|obj)/")]
    private static partial Regex BuildOutput();
}
