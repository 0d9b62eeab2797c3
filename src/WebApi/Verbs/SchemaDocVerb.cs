using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.SchemaDocumentation;

namespace Shop.WebApi.Verbs;

/// <summary>`schema-doc`: writes docs/database-schema.md (or Shop:SchemaDocPath) from the live database.</summary>
internal static class SchemaDocVerb
{
    public static async Task<string> WriteAsync(IServiceProvider services, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var markdown = await SchemaDocument.GenerateAsync(context);
        var path = Path.GetFullPath(configuration["Shop:SchemaDocPath"] ?? Path.Combine(FindRepositoryRoot(), "docs", "database-schema.md"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, markdown);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shop.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
