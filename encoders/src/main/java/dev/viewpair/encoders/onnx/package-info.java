/**
 * ONNX files written without ONNX's generated classes: the protocol buffers wire format ({@code ProtoWriter}), a
 * graph and model builder at opset 17 ({@link dev.viewpair.encoders.onnx.OnnxGraph}), the interface of blocks that
 * write themselves ({@link dev.viewpair.encoders.onnx.OnnxExportable}) and the export of those of DJL's blocks whose
 * settings DJL makes readable ({@link dev.viewpair.encoders.onnx.OnnxBlocks}: sequences, convolutions, linear
 * layers). It imports DJL only; the encoders ({@code dev.viewpair.encoders.nn}) build on it.
 */
package dev.viewpair.encoders.onnx;
