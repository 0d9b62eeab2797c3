using Mediator;
using Shop.Application.Catalog.CreateProduct;
using Shop.Application.Catalog.SearchProducts;
using Shop.Application.Errors;
using Shop.Application.Identity.RegisterUser;

namespace Shop.WebApi.Verbs;

/// <summary>The `seed` verb: a demo admin and a demo catalog, through the same commands the API sends.</summary>
internal static class DemoData
{
    public const string AdminEmail = "admin@shop.local";

    private static readonly string[] Materials = ["Oak", "Steel", "Linen", "Ceramic", "Glass", "Wool"];
    private static readonly string[] Things = ["Mug", "Lamp", "Chair", "Notebook", "Vase", "Blanket"];

    public static async Task SeedAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var (password, shown) = AdminAccounts.GivenOrGeneratedPassword("SHOP_DEMO_ADMIN_PASSWORD");
        try
        {
            await sender.Send(new RegisterUserCommand(AdminEmail, "Demo Admin", password, AsAdministrator: true));
            await output.WriteLineAsync($"Demo admin: {AdminEmail} / {shown} (an administrator)");
        }
        catch (ConflictException)
        {
            // Never promoted: if someone registered the e-mail first, that account stays a customer's.
            await output.WriteLineAsync($"Demo admin {AdminEmail} exists already (its password is the one printed when it was created); not changed.");
        }

        var catalog = await sender.Send(new SearchProductsQuery(null, 1, 1));
        if (catalog.TotalCount > 0)
        {
            await output.WriteLineAsync($"Catalog has {catalog.TotalCount} products already; none added.");
            return;
        }

        var count = 0;
        foreach (var material in Materials)
        {
            foreach (var thing in Things)
            {
                count++;
                var price = 4.99m + (count * 3.25m);
                await sender.Send(new CreateProductCommand(
                    $"{material} {thing}", $"A {thing.ToLowerInvariant()} made of {material.ToLowerInvariant()}.", price, (count * 7) % 50));
            }
        }

        await output.WriteLineAsync($"Demo catalog: {count} products added.");
    }
}
