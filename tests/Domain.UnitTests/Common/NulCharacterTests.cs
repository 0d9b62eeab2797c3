using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Domain.Identity;
using Shop.Domain.UnitTests.Support;

namespace Shop.Domain.UnitTests.Common;

/// <summary>PostgreSQL text cannot hold U+0000, so the domain refuses it like any other invalid value.</summary>
public class NulCharacterTests
{
    [Fact]
    public void A_user_name_with_a_nul_character_is_refused()
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            User.Create("ann@example.com", "A\0nn", "hash", new FixedTimeProvider(DateTimeOffset.UnixEpoch)));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void A_product_description_with_a_nul_character_is_refused_and_an_update_changes_nothing()
    {
        var product = Product.Create("Mug", "Plain", 5m, 1);

        var error = Assert.Throws<DomainValidationException>(() => product.Update("Cup", "a\0b", 6m));

        Assert.Equal("description", error.Field);
        Assert.Equal(("Mug", "Plain", 5m), (product.Name, product.Description, product.Price));
    }
}
