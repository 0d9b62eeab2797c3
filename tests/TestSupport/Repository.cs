namespace Shop.TestSupport;

/// <summary>The repository a test or tool runs from: the folder holding Shop.sln.</summary>
public static class Repository
{
    /// <summary>The repository this test assembly was built in (found above its output folder).</summary>
    public static string Root =>
        FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Shop.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Shop.sln, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shop.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
