#include "reward/WeightedBag.h"

namespace rlthf::reward::detail {

namespace {

// Σ w_i · table[id_i] per bag. The forward pass is LibTorch's embedding_bag (sum mode with
// per-sample weights); the backward pass scatters into a dense gradient with a plain loop:
// LibTorch 1.13's embedding_bag backward sorts the ids and costs ~5 ms for a batch of 256
// pairs, this costs ~0.1 ms, and it is deterministic.
struct WeightedBagFn : torch::autograd::Function<WeightedBagFn> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& table,
                                 const torch::Tensor& ids, const torch::Tensor& offsets,
                                 const torch::Tensor& weights, const torch::Tensor& bagOf) {
        ctx->save_for_backward({ids, weights, bagOf});
        ctx->saved_data["rows"] = table.size(0);
        return std::get<0>(at::embedding_bag(table, ids, offsets, /*scale_grad_by_freq=*/false,
                                             /*mode=sum*/ 0, /*sparse=*/false, weights));
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& ids = saved[0];
        const torch::Tensor& weights = saved[1];
        const torch::Tensor& bagOf = saved[2];
        const std::int64_t rows = ctx->saved_data["rows"].toInt();
        const torch::Tensor gradOut = gradOutputs[0].contiguous();
        const std::int64_t dim = gradOut.size(1);
        torch::Tensor grad = torch::zeros({rows, dim}, gradOut.options());
        const auto* g = gradOut.data_ptr<float>();
        auto* out = grad.data_ptr<float>();
        const auto* id = ids.data_ptr<std::int64_t>();
        const auto* w = weights.data_ptr<float>();
        const auto* bag = bagOf.data_ptr<std::int32_t>();
        const std::int64_t total = ids.numel();
        if (dim == 1) {
            for (std::int64_t i = 0; i < total; ++i)
                out[id[i]] += w[i] * g[bag[i]];
        } else {
            for (std::int64_t i = 0; i < total; ++i) {
                float* row = out + id[i] * dim;
                const float* src = g + static_cast<std::int64_t>(bag[i]) * dim;
                const float wi = w[i];
                for (std::int64_t d = 0; d < dim; ++d)
                    row[d] += wi * src[d];
            }
        }
        return {grad, torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

torch::Tensor weightedBag(const torch::Tensor& table, const Bags& bags) {
    return WeightedBagFn::apply(table, bags.ids, bags.offsets, bags.weights, bags.bagOf);
}

} // namespace rlthf::reward::detail
