// Stand-in for martinus/unordered_dense (header-only, no Debian package): the worker uses its
// map/set/hash names; here they are the standard containers with an avalanching hash, which
// mediasoup's own Node test suite passes with (see shared/reference/MEDIASOUP-OFFLINE.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl::unordered_dense {

namespace detail {
inline std::uint64_t mix(std::uint64_t x) noexcept {
  // splitmix64 finaliser: spreads low-entropy keys (small integers, pointers) over all bits.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}
}  // namespace detail

template <class T, class Enable = void>
struct hash {
  using is_avalanching = void;
  std::size_t operator()(const T& value) const noexcept(noexcept(std::hash<T>{}(value))) {
    return static_cast<std::size_t>(detail::mix(static_cast<std::uint64_t>(std::hash<T>{}(value))));
  }
};

template <class Key, class T, class Hash = hash<Key>, class KeyEqual = std::equal_to<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

template <class Key, class T, class Hash = hash<Key>, class KeyEqual = std::equal_to<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
using segmented_map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

template <class Key, class Hash = hash<Key>, class KeyEqual = std::equal_to<Key>, class Allocator = std::allocator<Key>>
using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;

template <class Key, class Hash = hash<Key>, class KeyEqual = std::equal_to<Key>, class Allocator = std::allocator<Key>>
using segmented_set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;

}  // namespace ankerl::unordered_dense
