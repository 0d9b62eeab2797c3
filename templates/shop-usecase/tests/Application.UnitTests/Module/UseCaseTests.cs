#if (!IsQuery)
using Mediator;
#endif
using Shop.Application.ShopModule.UseCase;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.ShopModule;

public sealed class UseCaseTests
{
    private readonly UseCaseHandler _handler = new();

#if (IsQuery)
    [Fact]
    public async Task Answers_a_valid_query()
    {
        var id = Guid.NewGuid();

        var response = await _handler.Handle(new UseCaseQuery(id), CancellationToken.None);

        Assert.Equal(id, response.Id);
    }

    public sealed class Validator
    {
        private readonly UseCaseValidator _validator = new();

        [Fact]
        public void Accepts_an_id() =>
            ValidationAssert.Passes(_validator, new UseCaseQuery(Guid.NewGuid()));

        [Fact]
        public void Refuses_an_empty_id() =>
            ValidationAssert.FailsOn(_validator, new UseCaseQuery(Guid.Empty), "Id");
    }
#else
    [Fact]
    public async Task Handles_a_valid_command()
    {
        var result = await _handler.Handle(new UseCaseCommand(Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(Unit.Value, result);
    }

    public sealed class Validator
    {
        private readonly UseCaseValidator _validator = new();

        [Fact]
        public void Accepts_an_id() =>
            ValidationAssert.Passes(_validator, new UseCaseCommand(Guid.NewGuid()));

        [Fact]
        public void Refuses_an_empty_id() =>
            ValidationAssert.FailsOn(_validator, new UseCaseCommand(Guid.Empty), "Id");
    }
#endif
}
