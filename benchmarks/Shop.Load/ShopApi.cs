using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Load;

/// <summary>The few calls the benchmarks make, over one pooled HTTP client; each user is a bearer token.</summary>
internal sealed class ShopApi : IDisposable
{
    private readonly HttpClient _http;
    private string _adminToken = "";

    public ShopApi(Uri baseAddress) =>
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async Task LogInAdminAsync(string email, string password) => _adminToken = await LogInAsync(email, password);

    /// <summary>Registers a new customer and returns its bearer token.</summary>
    public async Task<string> NewCustomerAsync(string password)
    {
        var email = $"customer-{Guid.NewGuid():N}@load.test";
        using (var registered = await _http.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative), new { email, name = "Load Customer", password }))
        {
            await EnsureAsync(registered, HttpStatusCode.Created);
        }

        return await LogInAsync(email, password);
    }

    public async Task<Guid> CreateProductAsync(string name, decimal price, int stock)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/products", _adminToken, new { name, description = "A load product.", price, stock });
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await ReadAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>Places an order; returns its id and total.</summary>
    public async Task<(Guid Id, decimal Total)> PlaceOrderAsync(string token, IEnumerable<(Guid ProductId, int Quantity)> lines)
    {
        var items = lines.Select(line => new { productId = line.ProductId, quantity = line.Quantity }).ToArray();
        using var response = await SendAsync(HttpMethod.Post, "/api/orders", token, new { items });
        await EnsureAsync(response, HttpStatusCode.Created);
        var order = await ReadAsync(response);
        return (order.GetProperty("id").GetGuid(), order.GetProperty("total").GetDecimal());
    }

    /// <summary>Subscribes a webhook receiver (as the administrator); returns the subscription's id.</summary>
    public async Task<Guid> SubscribeAsync(Uri url, string[] events)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/webhooks", _adminToken, new { url, events });
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await ReadAsync(response)).GetProperty("id").GetGuid();
    }

    public async Task UnsubscribeAsync(Guid subscription)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"/api/webhooks/{subscription}", _adminToken, body: null);
        await EnsureAsync(response, HttpStatusCode.NoContent);
    }

    /// <summary>Pays an order; returns the status code (200 paid, 409 refused).</summary>
    public async Task<HttpStatusCode> PayAsync(string token, Guid orderId, decimal amount)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/payment", token, new { amount });
        return response.StatusCode;
    }

    public async Task<byte[]> GetBytesAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        await EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> LogInAsync(string email, string password)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("/api/sessions", UriKind.Relative), new { email, password });
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await ReadAsync(response)).GetProperty("token").GetString() ?? throw new InvalidOperationException("No token.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}"));
        }
    }
}
