/**
 * Image datasets (ImageFolder layout, folder or zip): layout, the one resize rule, decoding through
 * a caller's decoder, the summary. Pure TypeScript plus fflate; the page and `tabtune run` differ
 * only in how they decode bytes to RGBA.
 */
export { IMAGE_EXTENSIONS, extensionOf, isReadInUpload, sniffImage, type ImageFormat } from './formats';
export { MAX_CLASS_DEPTH, compareLabels, layoutOf, type Layout, type LeftOutFile, type PlacedFile } from './layout';
export { RESIZE_RULE, writeImageInputs, type ImageChannels, type RgbaImage } from './resize';
export { DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_UPLOAD_BYTES, checkUploadBytes, unzipImages, type ImageFile } from './zip';
export { imageSummaryLines, summarizeImages, targetRangeText, type ImageDatasetSummary, type ImageListTarget, type ImageSize } from './summary';
export { IMAGE_SIZES, MAX_IMAGE_PIXELS, loadImageFiles, type ImageDecoder, type ImageLoadOptions, type LoadedImages } from './encode-images';
export { thumbnailsOf, type ClassThumbnails } from './thumbnails';
export { imageListLayout, parseImageList, uploadedListLayout } from './image-list';
export type { TargetRange } from './image-targets';
