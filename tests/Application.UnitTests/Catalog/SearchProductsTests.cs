using NSubstitute;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.Catalog.SearchProducts;
using Shop.Application.Pagination;
using Shop.Application.UnitTests.Support;
using Shop.Application.Validation;

namespace Shop.Application.UnitTests.Catalog;

public sealed class SearchProductsTests
{
    [Fact]
    public async Task Answers_the_page_the_read_side_finds()
    {
        var products = Substitute.For<IProductQueries>();
        var page = new PagedResponse<ProductResponse>(
            [new ProductResponse(Guid.NewGuid(), "Widget", null, 12.50m, 3, true)], 2, 10, 11);
        products.SearchAsync(new ProductSearch("wid", 2, 10), Arg.Any<CancellationToken>()).Returns(page);
        var handler = new SearchProductsHandler(products);

        var response = await handler.Handle(new SearchProductsQuery("wid", 2, 10), CancellationToken.None);

        Assert.Same(page, response);
        await products.Received(1).SearchAsync(new ProductSearch("wid", 2, 10), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Passes_the_decoded_cursor_to_the_read_side()
    {
        var products = Substitute.For<IProductQueries>();
        var after = new ProductCursor("Oak chair", Guid.NewGuid());
        var handler = new SearchProductsHandler(products);

        await handler.Handle(new SearchProductsQuery("oak", 1, 20, after.Encode()), CancellationToken.None);

        await products.Received(1).SearchAsync(new ProductSearch("oak", 1, 20, after), Arg.Any<CancellationToken>());
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

        [Theory]
        [InlineData(500, 20)]
        [InlineData(100, 100)]
        [InlineData(10_000, 1)]
        public void Accepts_numbered_pages_up_to_10000_rows(int page, int pageSize) =>
            ValidationAssert.Passes(_validator, Valid with { Page = page, PageSize = pageSize });

        [Theory]
        [InlineData(501, 20)]
        [InlineData(101, 100)]
        [InlineData(10_001, 1)]
        [InlineData(Paging.MaxPage, 100)]
        public void Refuses_numbered_pages_beyond_10000_rows(int page, int pageSize) =>
            ValidationAssert.FailsOn(_validator, Valid with { Page = page, PageSize = pageSize }, "Page");

        [Fact]
        public void Accepts_a_cursor_it_gave_out() =>
            ValidationAssert.Passes(_validator, Valid with { Cursor = new ProductCursor("Oak chair", Guid.NewGuid()).Encode() });

        [Theory]
        [InlineData("")]
        [InlineData("not a cursor")]
        [InlineData("AAAA")]
        [InlineData("%%%")]
        public void Refuses_a_malformed_cursor(string cursor) =>
            ValidationAssert.FailsOn(_validator, Valid with { Cursor = cursor }, "Cursor");

        [Fact]
        public void Refuses_a_cursor_with_a_page_above_1() =>
            ValidationAssert.FailsOn(
                _validator, Valid with { Page = 2, Cursor = new ProductCursor("Oak chair", Guid.NewGuid()).Encode() }, "Cursor");
    }
}
