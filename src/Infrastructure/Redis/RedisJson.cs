using System.Text.Json;

namespace Shop.Infrastructure.Redis;

internal static class RedisJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
