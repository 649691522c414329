package dev.viewpair.datasets.shards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** The JSON form of shard files and the index: snake_case keys, as NumPy users read them. */
final class ShardJson {
    static final ObjectMapper MAPPER = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ShardJson() {}
}
