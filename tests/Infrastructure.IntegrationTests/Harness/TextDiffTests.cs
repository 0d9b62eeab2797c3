using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Harness;

/// <summary>The diff a stale schema document's failure shows.</summary>
public sealed class TextDiffTests
{
    [Fact]
    public void Equal_texts_have_no_differences() =>
        Assert.Equal(string.Empty, TextDiff.FirstDifferences("a\nb\n", "a\nb\n"));

    [Fact]
    public void A_changed_line_shows_both_versions_with_its_line_number_and_context() =>
        Assert.Equal(
            "@@ line 3 @@\n b\n-| Product | Create, Delete |\n+| Product | Archive, Create, Delete |\n d\n",
            TextDiff.FirstDifferences("a\nb\n| Product | Create, Delete |\nd\ne", "a\nb\n| Product | Archive, Create, Delete |\nd\ne"));

    [Fact]
    public void An_inserted_line_shows_alone_and_the_lines_after_it_do_not_count_as_changed() =>
        Assert.Equal(
            "@@ line 2 @@\n a\n+new\n b\n",
            TextDiff.FirstDifferences("a\nb\nc\nd", "a\nnew\nb\nc\nd"));

    [Fact]
    public void Only_the_first_differences_are_shown()
    {
        var expected = string.Join('\n', Enumerable.Range(0, 100).Select(i => $"old {i}"));
        var actual = string.Join('\n', Enumerable.Range(0, 100).Select(i => $"new {i}"));

        var diff = TextDiff.FirstDifferences(expected, actual, maxLines: 10);

        Assert.Equal(10, diff.Split('\n').Count(line => line.StartsWith('-') || line.StartsWith('+')));
        Assert.EndsWith("… (more differences)\n", diff, StringComparison.Ordinal);
    }
}
