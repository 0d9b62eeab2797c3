using NSubstitute;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.Catalog.SearchProducts;
using Shop.Application.Common;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Catalog;

public sealed class SearchProductsTests
{
    [Fact]
    public async Task Answers_the_page_the_read_side_finds()
    {
        var products = Substitute.For<IProductQueries>();
        var page = new PagedResponse<ProductResponse>(
            [new ProductResponse(Guid.NewGuid(), "Widget", null, 12.50m, 3, true)], 2, 10, 11);
        products.SearchAsync("wid", 2, 10, Arg.Any<CancellationToken>()).Returns(page);
        var handler = new SearchProductsHandler(products);

        var response = await handler.Handle(new SearchProductsQuery("wid", 2, 10), CancellationToken.None);

        Assert.Same(page, response);
        await products.Received(1).SearchAsync("wid", 2, 10, Arg.Any<CancellationToken>());
    }

    public sealed class Validator
    {
        private static readonly SearchProductsQuery Valid = new("widget", 1, 20);
        private readonly SearchProductsValidator _validator = new();

        [Fact]
        public void Accepts_a_valid_query() => ValidationAssert.Passes(_validator, Valid);

        [Fact]
        public void Accepts_no_search() => ValidationAssert.Passes(_validator, Valid with { Search = null });

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void Refuses_a_page_below_1(int page) =>
            ValidationAssert.FailsOn(_validator, Valid with { Page = page }, "Page");

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        public void Accepts_a_page_size_of_1_to_100(int pageSize) =>
            ValidationAssert.Passes(_validator, Valid with { PageSize = pageSize });

        [Theory]
        [InlineData(0)]
        [InlineData(101)]
        public void Refuses_a_page_size_outside_1_to_100(int pageSize) =>
            ValidationAssert.FailsOn(_validator, Valid with { PageSize = pageSize }, "PageSize");

        [Fact]
        public void Accepts_a_search_of_255_characters() =>
            ValidationAssert.Passes(_validator, Valid with { Search = new string('s', 255) });

        [Fact]
        public void Refuses_a_search_of_256_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Search = new string('s', 256) }, "Search");
    }
}
