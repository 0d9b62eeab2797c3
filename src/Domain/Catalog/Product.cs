using Shop.Domain.Common;

namespace Shop.Domain.Catalog;

/// <summary>An article of the catalog with its price and the quantity in stock.</summary>
public sealed class Product
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 10_000;

    private Product(Guid id, string name, string? description, decimal price, int stock)
    {
        Id = id;
        Name = name;
        Description = description;
        Price = price;
        Stock = stock;
    }

    /// <summary>Unique identifier of the product.</summary>
    public Guid Id { get; private set; }

    /// <summary>Name shown in the catalog; searched case-insensitively.</summary>
    public string Name { get; private set; }

    /// <summary>Optional long description of the product.</summary>
    public string? Description { get; private set; }

    /// <summary>Current unit price, two decimals.</summary>
    public decimal Price { get; private set; }

    /// <summary>Quantity available for sale; never below zero.</summary>
    public int Stock { get; private set; }

    public static Product Create(string name, string? description, decimal price, int stock)
    {
        if (stock < 0)
        {
            throw new DomainValidationException("stock", "'stock' must not be negative.");
        }

        return new Product(Guid.CreateVersion7(), ValidName(name), ValidDescription(description), ValidPrice(price), stock);
    }

    public void Update(string name, string? description, decimal price)
    {
        var validName = ValidName(name);
        var validDescription = ValidDescription(description);
        var validPrice = ValidPrice(price);
        (Name, Description, Price) = (validName, validDescription, validPrice);
    }

    /// <summary>Adds <paramref name="delta"/> (which may be negative) to the stock.</summary>
    public void UpdateStock(int delta)
    {
        var newStock = (long)Stock + delta;
        if (newStock < 0)
        {
            throw new InsufficientStockException(Id, Stock, -(long)delta);
        }

        if (newStock > int.MaxValue)
        {
            throw new DomainValidationException("delta", $"'stock' must not exceed {int.MaxValue}.");
        }

        Stock = (int)newStock;
    }

    public bool IsAvailable(int quantity) => quantity > 0 && Stock >= quantity;

    /// <summary>Refuses an order line this product cannot supply now (stock is taken only at payment).</summary>
    public void EnsureAvailable(int quantity)
    {
        if (!IsAvailable(quantity))
        {
            throw new InsufficientStockException(Id, Stock, quantity);
        }
    }

    private static string ValidName(string name) => Guard.RequiredText(name, "name", MaxNameLength);

    private static string? ValidDescription(string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            throw new DomainValidationException("description", $"'description' must be at most {MaxDescriptionLength} characters.");
        }

        if (description is not null && description.Contains('\0', StringComparison.Ordinal))
        {
            throw new DomainValidationException("description", "'description' must not contain the NUL character.");
        }

        return description;
    }

    private static decimal ValidPrice(decimal price)
    {
        if (!Money.IsValidAmount(price))
        {
            throw new DomainValidationException("price", $"'price' must be between 0 and {Money.MaxAmount} with at most two decimals.");
        }

        return price;
    }
}
