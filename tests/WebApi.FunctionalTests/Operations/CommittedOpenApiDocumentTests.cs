using System.Net;
using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// docs/openapi.json is the document the host serves, byte for byte but for line endings, so that a change to the
/// contract shows in review and the linters (scripts/openapi.sh lint) read what consumers get.
/// </summary>
public sealed class CommittedOpenApiDocumentTests : IClassFixture<ShopApiFactory>
{
    /// <summary>Set to 1 to write the served document to docs/openapi.json instead of comparing (scripts/openapi.sh export).</summary>
    public const string UpdateVariable = "SHOP_UPDATE_OPENAPI";

    private readonly ShopApiFactory _factory;

    public CommittedOpenApiDocumentTests(ShopApiFactory factory) => _factory = factory;

    private static string CommittedPath => Path.Combine(Repository.Root, "docs", "openapi.json");

    [Fact]
    public async Task The_committed_document_is_the_one_the_host_serves()
    {
        using var client = _factory.CreateAnonymousClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsByteArrayAsync();

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllBytesAsync(CommittedPath, served);
        }

        var committed = File.Exists(CommittedPath) ? Lines(await File.ReadAllTextAsync(CommittedPath)) : [];
        var live = Lines(System.Text.Encoding.UTF8.GetString(served));
        var line = Enumerable.Range(0, Math.Max(committed.Length, live.Length))
            .FirstOrDefault(i => i >= committed.Length || i >= live.Length || committed[i] != live[i], -1);
        Assert.True(
            line < 0,
            $"docs/openapi.json is not the document the host serves (/openapi/v1.json, {served.Length} bytes); " +
            $"first difference at line {line + 1}: committed `{committed.ElementAtOrDefault(line)}`, served `{live.ElementAtOrDefault(line)}`. " +
            "If the change to the contract is intended, refresh the file with `bash scripts/openapi.sh export` " +
            $"(or run this test with {UpdateVariable}=1), lint it with `bash scripts/openapi.sh lint` and commit it.");
    }

    /// <summary>The lines of the text, whatever its line endings and however many it ends with.</summary>
    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
