namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// Tests that assert a search page was kept run alone: the search generation is one name on the Redis server's
/// backplane channel, which every host of this run shares, so another test's product change would end it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public static class SearchGenerationGroup
{
    public const string Name = "Search generation";
}
