using System.Linq.Expressions;
using Shop.Domain.Common;
using Shop.Domain.Events;

namespace Shop.Domain.Catalog;

/// <summary>An article of the catalog with its price and the quantity in stock.</summary>
public sealed class Product : AggregateRoot
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 10_000;

    /// <summary>
    /// Whether a quantity can be supplied now: the rule behind <see cref="IsAvailable"/>, as an expression so that
    /// queries translate the same rule to SQL.
    /// </summary>
    public static Expression<Func<Product, int, bool>> CanSupplyRule { get; } =
        (product, quantity) => quantity > 0 && product.Stock >= quantity;

    /// <summary>What the catalog shows as available: one unit can be supplied now (<see cref="IsInStock"/>).</summary>
    public static Expression<Func<Product, bool>> InStockRule { get; } = BindQuantity(CanSupplyRule, 1);

    private static readonly Func<Product, int, bool> s_canSupply = CanSupplyRule.Compile();
    private static readonly Func<Product, bool> s_isInStock = InStockRule.Compile();

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

        var product = new Product(Guid.CreateVersion7(), ValidName(name), ValidDescription(description), ValidPrice(price), stock);
        product.Raise(new ProductCreated(product.Id));
        return product;
    }

    public void Update(string name, string? description, decimal price)
    {
        var validName = ValidName(name);
        var validDescription = ValidDescription(description);
        var validPrice = ValidPrice(price);
        if ((Name, Description, Price) == (validName, validDescription, validPrice))
        {
            return;
        }

        (Name, Description, Price) = (validName, validDescription, validPrice);
        Raise(new ProductUpdated(Id));
    }

    /// <summary>Records that the product leaves the catalog; the repository removes it.</summary>
    public void Delete() => Raise(new ProductDeleted(Id));

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
        Raise(new ProductStockChanged(Id, delta));
    }

    public bool IsAvailable(int quantity) => s_canSupply(this, quantity);

    public bool IsInStock() => s_isInStock(this);

    /// <summary>Refuses an order line this product cannot supply now (stock is taken only at payment).</summary>
    public void EnsureAvailable(int quantity)
    {
        if (!IsAvailable(quantity))
        {
            throw new InsufficientStockException(Id, Stock, quantity);
        }
    }

    private static Expression<Func<Product, bool>> BindQuantity(Expression<Func<Product, int, bool>> rule, int quantity)
    {
        var product = Expression.Parameter(typeof(Product), "product");
        return Expression.Lambda<Func<Product, bool>>(RuleExpressions.Inline(rule, product, Expression.Constant(quantity)), product);
    }

    private static string ValidName(string name) => Guard.RequiredText(name, "name", MaxNameLength);

    private static string? ValidDescription(string? description)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            throw new DomainValidationException("description", ValidationMessages.TooLong("description", MaxDescriptionLength));
        }

        if (!TextRules.HasNoNul(description))
        {
            throw new DomainValidationException("description", ValidationMessages.ContainsNul("description"));
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
